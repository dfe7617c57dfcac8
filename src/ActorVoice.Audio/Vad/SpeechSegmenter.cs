namespace ActorVoice.Audio.Vad;

/// <summary>How one step of audio (an energy frame, a Silero window) sounded to a detector.</summary>
internal enum StepVoice
{
    Silence,
    Speech,

    /// <summary>Between a detector's thresholds, before speech started: a candidate start is held, neither grown nor dropped.</summary>
    Undecided,
}

/// <summary>
/// The turn logic every VAD shares, fed one verdict per step of audio: speech starts after <c>min-speech</c> of speech
/// steps in a row (reported <c>prefix-padding</c> before the first of them) and stops after <c>silence-duration</c> of
/// silence (reported at the end of the last speech step). The detectors differ only in how they judge a step.
/// </summary>
internal sealed class SpeechSegmenter
{
    private int _voicedRunMs;
    private long _candidateStartMs = -1;
    private int _silenceRunMs;
    private long _lastVoicedEndMs;

    public bool InSpeech { get; private set; }

    /// <summary>Takes the verdict on the step from <paramref name="startMs"/> lasting <paramref name="lengthMs"/>; returns the transition it completes, if any.</summary>
    public VadTransition? Step(long startMs, int lengthMs, StepVoice voice, VadParameters parameters)
    {
        var endMs = startMs + lengthMs;
        if (!InSpeech)
        {
            if (voice == StepVoice.Silence)
            {
                _voicedRunMs = 0;
                _candidateStartMs = -1;
                return null;
            }

            if (voice == StepVoice.Speech)
            {
                if (_candidateStartMs < 0)
                {
                    _candidateStartMs = startMs;
                }

                _voicedRunMs += lengthMs;
            }

            if (_candidateStartMs < 0 || _voicedRunMs < parameters.MinSpeechMs)
            {
                return null;
            }

            InSpeech = true;
            _silenceRunMs = 0;
            _lastVoicedEndMs = endMs;
            var speechStartMs = Math.Max(0, _candidateStartMs - parameters.PrefixPaddingMs);
            _voicedRunMs = 0;
            _candidateStartMs = -1;
            return new VadTransition(VadTransitionKind.SpeechStarted, speechStartMs);
        }

        if (voice == StepVoice.Speech)
        {
            _silenceRunMs = 0;
            _lastVoicedEndMs = endMs;
            return null;
        }

        _silenceRunMs += lengthMs;
        if (_silenceRunMs < parameters.SilenceDurationMs)
        {
            return null;
        }

        InSpeech = false;
        _silenceRunMs = 0;
        return new VadTransition(VadTransitionKind.SpeechStopped, _lastVoicedEndMs);
    }

    /// <summary>Forgets any speech in progress.</summary>
    public void Reset()
    {
        InSpeech = false;
        _voicedRunMs = 0;
        _candidateStartMs = -1;
        _silenceRunMs = 0;
    }
}
