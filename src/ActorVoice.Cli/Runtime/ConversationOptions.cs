using System.CommandLine;

namespace ActorVoice.Cli.Runtime;

/// <summary>Options shared by the commands that run a conversation; each one stands for one HOCON key.</summary>
public sealed class ConversationOptions
{
    public ConfigOptions Config { get; } = new();

    public Option<string?> RealtimeUrl { get; } = new("--realtime-url")
    {
        Description = "Realtime API endpoint (ws:// or wss://) instead of the embedded local server; OPENAI_API_KEY is used for api.openai.com, ACTORVOICE_REALTIME_KEY for other hosts (see actorvoice.engine.realtime.api-key-env).",
    };

    public Option<string?> Pace { get; } = new("--pace") { Description = "Capture pace: realtime (like a microphone) or fast." };

    public Option<string?> Playback { get; } = new("--playback") { Description = "Playback pace: realtime or fast (audio counts as played on arrival)." };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log every state transition to stderr." };

    public Option<string?> Knowledge { get; } = new("--knowledge") { Description = "Knowledge source: index (the built-in index) or http (an existing chatbot or RAG backend)." };

    public Option<string?> KnowledgeUrl { get; } = new("--knowledge-url") { Description = "URL the http knowledge source POSTs questions to." };

    public Option<string?> Injection { get; } = new("--injection") { Description = "How knowledge reaches the model: verbatim, passages or tool." };

    public Option<string?> TurnDetection { get; } = new("--turn-detection") { Description = "server_vad, semantic_vad or local (ActorVoice's VAD commits turns)." };

    public IEnumerable<Option> All => [.. Config.All, RealtimeUrl, Pace, Playback, Verbose, Knowledge, KnowledgeUrl, Injection, TurnDetection];

    /// <summary>The composed config for a parse result, with <paramref name="defaults"/> (the command's) below the user's.</summary>
    public Akka.Configuration.Config Load(ParseResult parse, params string[] defaults) =>
        Config.Load(parse, defaults, ConfigOptions.Assignments(
            parse,
            (RealtimeUrl, "actorvoice.engine.realtime.url"),
            (Pace, "actorvoice.engine.capture.pace"),
            (Playback, "actorvoice.engine.playback.pace"),
            (Knowledge, "actorvoice.engine.knowledge.source"),
            (KnowledgeUrl, "actorvoice.engine.knowledge.http.url"),
            (Injection, "actorvoice.engine.answer.injection"),
            (TurnDetection, "actorvoice.engine.turn.vad-type")));
}
