using System.CommandLine;

namespace ActorVoice.Cli.Runtime;

/// <summary>Options shared by the commands that run a conversation.</summary>
public sealed class CommonOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "HOCON file overriding the defaults (see hocon/)." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "One HOCON override, e.g. --set actorvoice.engine.turn.vad-silence-duration=700ms (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> RealtimeUrl { get; } = new("--realtime-url")
    {
        Description = "Realtime API endpoint (ws:// or wss://) instead of the embedded local server; OPENAI_API_KEY is used for api.openai.com.",
    };

    public Option<string?> Pace { get; } = new("--pace") { Description = "Capture pace: realtime (like a microphone) or fast." };

    public Option<string?> Playback { get; } = new("--playback") { Description = "Playback pace: realtime or fast (audio counts as played on arrival)." };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log every state transition to stderr." };

    public Option<string?> Knowledge { get; } = new("--knowledge") { Description = "Knowledge source: index (the built-in index) or http (an existing chatbot or RAG backend)." };

    public Option<string?> KnowledgeUrl { get; } = new("--knowledge-url") { Description = "URL the http knowledge source POSTs questions to." };

    public Option<string?> Injection { get; } = new("--injection") { Description = "How knowledge reaches the model: verbatim, passages or tool." };

    public Option<string?> TurnDetection { get; } = new("--turn-detection") { Description = "server_vad, semantic_vad or local (ActorVoice's VAD commits turns)." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Config);
        command.Options.Add(Set);
        command.Options.Add(RealtimeUrl);
        command.Options.Add(Pace);
        command.Options.Add(Playback);
        command.Options.Add(Verbose);
        command.Options.Add(Knowledge);
        command.Options.Add(KnowledgeUrl);
        command.Options.Add(Injection);
        command.Options.Add(TurnDetection);
    }

    /// <summary>The composed config for a parse result, with <paramref name="extra"/> overrides below the user's.</summary>
    public Akka.Configuration.Config Load(ParseResult parse, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = new List<string>();
        overrides.AddRange(parse.GetValue(Set) ?? []);
        if (parse.GetValue(RealtimeUrl) is { } url)
        {
            overrides.Add($"actorvoice.engine.realtime.url = {CliConfig.Quote(url)}");
        }

        if (parse.GetValue(Pace) is { } pace)
        {
            overrides.Add($"actorvoice.engine.capture.pace = {CliConfig.Quote(pace)}");
        }

        if (parse.GetValue(Playback) is { } playback)
        {
            overrides.Add($"actorvoice.engine.playback.pace = {CliConfig.Quote(playback)}");
        }

        if (parse.GetValue(Knowledge) is { } knowledge)
        {
            overrides.Add($"actorvoice.engine.knowledge.source = {CliConfig.Quote(knowledge)}");
        }

        if (parse.GetValue(KnowledgeUrl) is { } knowledgeUrl)
        {
            overrides.Add($"actorvoice.engine.knowledge.http.url = {CliConfig.Quote(knowledgeUrl)}");
        }

        if (parse.GetValue(Injection) is { } injection)
        {
            overrides.Add($"actorvoice.engine.answer.injection = {CliConfig.Quote(injection)}");
        }

        if (parse.GetValue(TurnDetection) is { } turnDetection)
        {
            overrides.Add($"actorvoice.engine.turn.vad-type = {CliConfig.Quote(turnDetection)}");
        }

        // HOCON: earlier lines lose to later ones, so the defaults of the command go first.
        return CliConfig.Load(parse.GetValue(Config), extra.Concat(overrides));
    }
}
