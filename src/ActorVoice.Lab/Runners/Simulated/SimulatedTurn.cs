using ActorVoice.Engine.Turns;
using ActorVoice.Lab.Scripts;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// One simulated turn as its stand-ins saw it: the script, the virtual time of the end of speech, and every
/// observation (partials delivered, responses requested, audio heard, playback) in virtual time. Written only by the
/// simulation's actors, which all run on the driver's thread (see <see cref="ActorPump"/>), and read by the driver
/// once they are idle.
/// </summary>
public sealed class SimulatedTurn(TurnScript script, DateTimeOffset speechStart, string? bridgeText)
{
    public TurnScript Script { get; } = script;

    /// <summary>Virtual time the user starts speaking (session audio offset 0).</summary>
    public DateTimeOffset SpeechStart { get; } = speechStart;

    /// <summary>Virtual time of the end of speech: the lab's time 0.</summary>
    public DateTimeOffset EndOfSpeech { get; } = speechStart + TimeSpan.FromMilliseconds(script.SpeechDurationMs);

    /// <summary>The engine's bridge text (from its settings), to tell an acknowledgement from the answer; null when unknown.</summary>
    public string? BridgeText { get; } = bridgeText;

    /// <summary>Times of the partial transcripts the engine was given.</summary>
    public List<DateTimeOffset> PartialsAt { get; } = [];

    /// <summary>Every response the engine requested, in order.</summary>
    public List<SimulatedResponse> Responses { get; } = [];

    public TurnResult? Result { get; set; }

    /// <summary>Milliseconds from the end of speech to <paramref name="at"/>, rounded to 0.1 ms.</summary>
    public double Ms(DateTimeOffset at) => Math.Round((at - EndOfSpeech).TotalMilliseconds, 1, MidpointRounding.AwayFromZero);

    public SimulatedResponse? ResponseOfItem(string itemId) => Responses.Find(r => r.ItemId == itemId);
}
