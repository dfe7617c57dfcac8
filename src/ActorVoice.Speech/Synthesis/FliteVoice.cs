namespace ActorVoice.Speech.Synthesis;

/// <summary>The flite voices Debian ships (package flite), by their short names.</summary>
public enum FliteVoice
{
    /// <summary>US English female, 16 kHz (the default).</summary>
    Slt,

    /// <summary>US English male, diphone, 8 kHz.</summary>
    Kal,

    /// <summary>US English male, diphone, 16 kHz.</summary>
    Kal16,

    /// <summary>Scottish English male, 16 kHz.</summary>
    Awb,

    /// <summary>US English male, 16 kHz.</summary>
    Rms,
}
