using ActorVoice.Cli.Chaos.Invariants;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Chaos;

/// <summary>
/// Synthetic chaos records: <see cref="Healthy"/> is a run where every invariant holds (a plain question, a barge-in,
/// the interruption's turn, a cough that paused and resumed an answer); tests break one thing at a time.
/// </summary>
public static class ChaosRecords
{
    public static TurnResult Question { get; } = new(1, "q")
    {
        Transcript = "how long is the probation",
        SpokenTranscript = "The first six months are a probation period.",
        HeardAnswer = "The first six months are a probation period.",
        AudioReceivedMs = 3000,
        AudioPlayedMs = 3000,
    };

    /// <summary>Playback started 500 ms after the end of speech, the barge-in was decided at 1480 ms, silent 30 ms later: 1000 ms played of 4000.</summary>
    public static TurnResult BargedIn { get; } = new(2, "b")
    {
        Transcript = "how much money for my home office",
        SpokenTranscript = "From Remote Work: you receive a one-time home office budget.",
        HeardAnswer = "From Remote",
        AudioReceivedMs = 4000,
        AudioPlayedMs = 1000,
        Outcome = TurnOutcome.Interrupted,
        BargeIn = new BargeInReport("local-vad", 260, 30, 1000, 1000),
        Truncations = [new ItemTruncation("item_2", 1000, 1000, 4000)],
        Timeline = new TurnTimeline
        {
            Marks =
            [
                new TimelineMark(TimelineMarks.FirstAnswerAudio, 400),
                new TimelineMark(TimelineMarks.PlaybackStart, 500),
                new TimelineMark(TimelineMarks.BargeInDetected, 1480, "LocalVad"),
                new TimelineMark(TimelineMarks.PlaybackSilent, 1510),
                new TimelineMark(TimelineMarks.TruncateSent, 1510, "1000 ms"),
            ],
        },
    };

    public static TurnResult Interruption { get; } = new(3, "b-next")
    {
        Transcript = "tell me about the warranty instead",
        SpokenTranscript = "The standard warranty is two years.",
        HeardAnswer = "The standard warranty is two years.",
        AudioReceivedMs = 2500,
        AudioPlayedMs = 2500,
    };

    /// <summary>A cough paused the answer once; it resumed and was heard in full.</summary>
    public static TurnResult Coughed { get; } = new(4, "n")
    {
        Transcript = "where is the serial number",
        SpokenTranscript = "The serial number has twelve characters.",
        HeardAnswer = "The serial number has twelve characters.",
        AudioReceivedMs = 2800,
        AudioPlayedMs = 2800,
        FalseInterruptions = 1,
    };

    public static LiveResourceSnapshot Gauges(long connections = 0, long capture = 0, long playback = 0, long jobs = 0) => new(new Dictionary<string, long>
    {
        [LiveResources.RealtimeConnections.Name] = connections,
        [LiveResources.CaptureStreams.Name] = capture,
        [LiveResources.PlaybackStreams.Name] = playback,
        [LiveResources.SpeculativeJobs.Name] = jobs,
    });

    public static ChaosRecord Healthy { get; } = new()
    {
        Turns =
        [
            new ObservedTurn(TurnKinds.Question, Question),
            new ObservedTurn(TurnKinds.BargeIn, BargedIn, AudioFileMs: 1000),
            new ObservedTurn(TurnKinds.Interruption, Interruption),
            new ObservedTurn(TurnKinds.Noise, Coughed),
        ],
        StartedTurns = [1, 2, 3, 4],
        Completions = [Question, BargedIn, Interruption, Coughed],
        Truncates = [new TruncateFrame("sess_1", "item_2", 1000)],
        TranscriptLog = [.. new[] { Question, BargedIn, Interruption, Coughed }.SelectMany(Log)],
        TranscriptLogCapacity = 100,
        GaugesBefore = Gauges(),
        GaugesAfterTurns = [.. Enumerable.Range(1, 4).Select(n => new TurnGauges(n, Gauges(connections: 1, playback: 1)))],
        GaugesAfter = Gauges(),
        ChildrenBeforeStop = ["/user/session/socket", "/user/session/capture", "/user/session/speculator", "/user/session/playback", "/user/session/turn"],
        ActorsAfterStop = [],
        Baseline = new ResourceSample(40L << 20, 270, 30),
        Final = new ResourceSample(42L << 20, 268, 31),
    };

    /// <summary>What the session's transcript log holds for <paramref name="turn"/>.</summary>
    public static IEnumerable<TranscriptEntry> Log(TurnResult turn) =>
    [
        new TranscriptEntry(turn.TurnNumber, TranscriptEntry.User, turn.Transcript),
        new TranscriptEntry(turn.TurnNumber, TranscriptEntry.Assistant, turn.HeardAnswer),
    ];
}
