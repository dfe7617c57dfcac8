using ActorVoice.Audio.Vad;
using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>Turn-taking, barge-in and the turn's time limits (<c>actorvoice.engine.turn</c>).</summary>
public sealed record TurnSettings
{
    /// <summary>
    /// The server's turn detection: "server_vad" (silence-based), "semantic_vad" (the model judges when the user is done)
    /// or "local" (ActorVoice's own VAD ends the turn).
    /// </summary>
    [OneOf("server_vad", "semantic_vad", "local")]
    public required string VadType { get; init; }

    /// <summary>Turns are ended by ActorVoice's local VAD (input_audio_buffer.commit), the server's VAD is off.</summary>
    public bool LocalTurns => VadType == "local";

    /// <summary>Semantic VAD only: how soon the server ends the user's turn (low, medium, high or auto).</summary>
    [OneOf("low", "medium", "high", "auto")]
    public required string VadEagerness { get; init; }

    [SettingRange(0, 1)]
    public required double VadThreshold { get; init; }

    public required TimeSpan VadPrefixPadding { get; init; }

    [Positive]
    public required TimeSpan VadSilenceDuration { get; init; }

    [Positive]
    public required TimeSpan TranscriptTimeout { get; init; }

    [Positive]
    public required TimeSpan ResponseTimeout { get; init; }

    [Positive]
    public required TimeSpan TurnTimeout { get; init; }

    public required string NoAnswerText { get; init; }

    /// <summary>Spoken instead of the answer when it cannot be given (knowledge source failed or timed out, a part failed, a time limit passed).</summary>
    public required string FallbackText { get; init; }

    /// <summary>
    /// How long a response may go without any of its events before its end is taken as lost: the turn then ends once
    /// the audio received has played (a lost <c>response.done</c> or <c>output_audio.done</c> never hangs a turn).
    /// </summary>
    [Positive]
    public required TimeSpan ResponseIdleTimeout { get; init; }

    /// <summary>User speech while the assistant speaks stops the assistant.</summary>
    public required bool BargeIn { get; init; }

    /// <summary>Speakerphone setups: user speech while the assistant speaks is ignored (it may be the assistant's echo).</summary>
    public required bool HalfDuplex { get; init; }

    /// <summary>Speech must last this long before it interrupts (coughs and clicks do not).</summary>
    public required TimeSpan BargeInMinSpeech { get; init; }

    /// <summary>
    /// Barge-in pauses the answer; when no user words follow within this time (a cough, a door, an echo, a
    /// backchannel) the same answer resumes where it paused. Zero: barge-in stops the answer at once, as before.
    /// </summary>
    public required TimeSpan FalseInterruptionTimeout { get; init; }

    /// <summary>
    /// Longest pause for sound that goes on without words (a vacuum cleaner, or speech whose end the server never hears
    /// because the capture died): after it the answer resumes even though the sound has not stopped.
    /// </summary>
    public required TimeSpan FalseInterruptionMaxPause { get; init; }

    /// <summary>Short replies that do not interrupt when they are all the user said.</summary>
    public required IReadOnlyList<string> Backchannels { get; init; }

    /// <summary>Run a VAD on the capture stream too, so barge-in is seen without the server's round trip.</summary>
    public required bool LocalVad { get; init; }

    [SettingRange(-120, 0)]
    public required double LocalVadThresholdDbfs { get; init; }

    /// <summary>The local VAD's detector: frame energy or the Silero neural model.</summary>
    public required VadKind LocalVadKind { get; init; }

    /// <summary>Silero: speech probability at which speech starts.</summary>
    [SettingRange(0.01, 1)]
    public required double LocalVadSileroThreshold { get; init; }

    /// <summary>Silero: speech probability below which running speech counts as silence (at most the start threshold).</summary>
    [SettingRange(0, 1)]
    public required double LocalVadSileroEndThreshold { get; init; }

    /// <summary>Silero's model file; empty: models/silero/silero_vad.onnx beside the binaries or above them.</summary>
    [HomePath]
    public required string SileroModel { get; init; }

    /// <summary>The local VAD's detector as configured (throws when the end threshold exceeds the start one).</summary>
    public VadChoice LocalVadChoice => new(
        LocalVadKind,
        new SileroThresholds(LocalVadSileroThreshold, LocalVadSileroEndThreshold),
        SileroModel);

    /// <summary>A local pocketsphinx recognizer shadows the capture stream and feeds speculation with its partials.</summary>
    public required bool LocalRecognizer { get; init; }
}
