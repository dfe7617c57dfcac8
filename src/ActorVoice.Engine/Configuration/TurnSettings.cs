namespace ActorVoice.Engine.Configuration;

public sealed record TurnSettings
{
    /// <summary>The server's turn detection: "server_vad" (silence-based) or "semantic_vad" (the model judges when the user is done).</summary>
    public string VadType { get; init; } = "server_vad";

    /// <summary>Turns are ended by ActorVoice's local VAD (input_audio_buffer.commit), the server's VAD is off.</summary>
    public bool LocalTurns => VadType == "local";

    /// <summary>Semantic VAD only: how soon the server ends the user's turn (low, medium, high or auto).</summary>
    public string VadEagerness { get; init; } = "auto";

    public double VadThreshold { get; init; } = 0.5;

    public TimeSpan VadPrefixPadding { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan VadSilenceDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan TranscriptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string NoAnswerText { get; init; } = "Sorry, I could not find that in the documents.";

    /// <summary>User speech while the assistant speaks stops the assistant.</summary>
    public bool BargeIn { get; init; } = true;

    /// <summary>Speakerphone setups: user speech while the assistant speaks is ignored (it may be the assistant's echo).</summary>
    public bool HalfDuplex { get; init; }

    /// <summary>Speech must last this long before it interrupts (coughs and clicks do not).</summary>
    public TimeSpan BargeInMinSpeech { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Short replies that do not interrupt when they are all the user said.</summary>
    public IReadOnlyList<string> Backchannels { get; init; } = ["uh huh", "mm hmm", "okay", "ok", "yeah", "yes", "right", "sure", "i see"];

    /// <summary>Run a VAD on the capture stream too, so barge-in is seen without the server's round trip.</summary>
    public bool LocalVad { get; init; } = true;

    public double LocalVadThresholdDbfs { get; init; } = -35;

    /// <summary>A local pocketsphinx recognizer shadows the capture stream and feeds speculation with its partials.</summary>
    public bool LocalRecognizer { get; init; }
}
