using ActorVoice.Engine.Configuration;

namespace ActorVoice.Engine.Turns.BargeIn;

/// <summary>
/// Decides whether user speech during the answer interrupts it. Half-duplex or barge-in off: never. The local VAD on
/// the capture stream reports only speech that already lasted the minimum duration, so it interrupts at once. The
/// server's VAD reports speech early, so its speech becomes a candidate guarded by <see cref="TurnSettings.BargeInMinSpeech"/>:
/// it interrupts when the guard passes (or when the local VAD confirms it); when it stops before that, its words decide,
/// and a backchannel (<see cref="TurnSettings.Backchannels"/>) lets the assistant go on. One candidate at a time;
/// <see cref="Reset"/> forgets it when a turn starts.
/// <para>
/// False interruptions (<see cref="TurnSettings.FalseInterruptionTimeout"/> above zero): speech that would interrupt
/// first <em>pauses</em> the assistant. Words that follow (a transcript delta or the final transcript with a word that
/// is not a backchannel) interrupt; the final transcript with no words or only a backchannel, or the timeout passing
/// after the speech stopped, resume the answer. While the user still speaks when the timeout passes, the pause is
/// extended. Words of the same speech that arrive after the answer resumed still interrupt it.
/// </para>
/// </summary>
public sealed class BargeInPolicy
{
    private readonly TurnSettings _settings;
    private readonly HashSet<string> _backchannels;

    public BargeInPolicy(TurnSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _backchannels = settings.Backchannels.Select(Normalize).ToHashSet(StringComparer.Ordinal);
    }

    private readonly System.Text.StringBuilder _pausedWords = new();
    private TimeSpan _pausedFor;

    /// <summary>The speech being timed or waited on, or null.</summary>
    public BargeInCandidate? Candidate { get; private set; }

    /// <summary>The speech the assistant is paused for, or null when it is not paused.</summary>
    public BargeInCandidate? Paused { get; private set; }

    /// <summary>The item of the speech of the last false interruption: its late words still interrupt.</summary>
    public string? ResumedItemId { get; private set; }

    public void Reset()
    {
        Candidate = null;
        Paused = null;
        ResumedItemId = null;
        _pausedWords.Clear();
    }

    /// <summary>The paused-for speech stopped (by the server's or the local VAD).</summary>
    public void OnPausedSpeechStopped(string? itemId)
    {
        if (Paused is { } paused)
        {
            Paused = paused with { Stopped = true, ItemId = paused.ItemId ?? itemId };
        }
    }

    /// <summary>
    /// A transcription delta of item <paramref name="itemId"/> while paused: once the words so far hold a word that is
    /// not (the start of) a backchannel, they interrupt.
    /// </summary>
    public BargeInDecision OnTranscriptDelta(string itemId, string delta, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (Paused is not { } paused || (paused.ItemId is not null && itemId != paused.ItemId))
        {
            return BargeInDecision.None;
        }

        Paused = paused with { ItemId = itemId };
        _pausedWords.Append(delta);
        var words = Normalize(_pausedWords.ToString());
        if (!HasWords(words) || _backchannels.Any(b => b.StartsWith(words, StringComparison.Ordinal)))
        {
            return BargeInDecision.None;
        }

        return Interrupted(Paused, itemId, now);
    }

    /// <summary>
    /// The false-interruption timeout passed while paused: resume, or (the user still speaks) wait once more.
    /// </summary>
    public BargeInDecision OnPauseTimeout()
    {
        if (Paused is not { } paused)
        {
            return BargeInDecision.None;
        }

        _pausedFor += _settings.FalseInterruptionTimeout;
        if (!paused.Stopped && _pausedFor < _settings.FalseInterruptionMaxPause)
        {
            return new BargeInDecision.Pause(paused, _settings.FalseInterruptionTimeout);
        }

        return Resumed(paused, paused.Stopped
            ? $"no words within {_settings.FalseInterruptionTimeout.TotalMilliseconds:0} ms"
            : $"sound without words for {_pausedFor.TotalMilliseconds:0} ms");
    }

    /// <summary>The local VAD heard speech (that already lasted the minimum duration) beginning at <paramref name="onset"/>.</summary>
    public BargeInDecision OnLocalSpeech(DateTimeOffset detectedAt, DateTimeOffset onset) =>
        OnSpeech(null, detectedAt, onset, BargeInCandidate.LocalVad, guarded: false, now: detectedAt);

    /// <summary>The server's VAD reported speech of item <paramref name="itemId"/> beginning at <paramref name="onset"/>.</summary>
    public BargeInDecision OnServerSpeech(string? itemId, DateTimeOffset now, DateTimeOffset onset) =>
        OnSpeech(itemId, now, onset, BargeInCandidate.ServerVad, guarded: true, now);

    /// <summary>The candidate's speech stopped before the guard passed: its words will decide.</summary>
    public void OnSpeechStopped(string? itemId)
    {
        if (Candidate is { } candidate)
        {
            Candidate = candidate with { Stopped = true, ItemId = candidate.ItemId ?? itemId };
        }
    }

    /// <summary>The transcript of item <paramref name="itemId"/> arrived; for a stopped candidate it decides.</summary>
    public BargeInDecision OnTranscript(string itemId, string transcript, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (Paused is { } paused && (paused.ItemId is null || itemId == paused.ItemId))
        {
            return HasWords(transcript)
                ? Interrupted(paused, itemId, now)
                : Resumed(paused, transcript.Trim().Length == 0 ? "no words" : $"only \"{transcript.Trim()}\"");
        }

        if (Paused is null && ResumedItemId is not null && itemId == ResumedItemId)
        {
            // Words of a speech the answer already resumed over (its transcript came late): they interrupt after all.
            ResumedItemId = null;
            return HasWords(transcript)
                ? new BargeInDecision.Interrupt(new BargeInCandidate(itemId, now, now, BargeInCandidate.ServerVad, Stopped: true), itemId)
                : BargeInDecision.None;
        }

        if (Candidate is not { Stopped: true } candidate || (candidate.ItemId is not null && itemId != candidate.ItemId))
        {
            return BargeInDecision.None;
        }

        Candidate = null;
        if (IsBackchannel(transcript))
        {
            return new BargeInDecision.Backchannel(transcript.Trim());
        }

        // With false interruptions on, short speech without words (a lone "if" made of a cough) does not interrupt either.
        return _settings.FalseInterruptionTimeout > TimeSpan.Zero && !HasWords(transcript)
            ? new BargeInDecision.Ignore($"no words in \"{transcript.Trim()}\"")
            : new BargeInDecision.Interrupt(candidate with { DetectedAt = now }, itemId);
    }

    /// <summary>
    /// True when <paramref name="transcript"/> holds words that can interrupt: not only a backchannel, and a content
    /// word or at least two words. A lone function word ("if", "the") is what a recognizer makes of a cough or a door
    /// far more often than what a user says to interrupt.
    /// </summary>
    public bool HasWords(string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var normalized = Normalize(transcript);
        if (normalized.Length == 0 || IsBackchannel(transcript))
        {
            return false;
        }

        var words = normalized.Split(' ');
        return words.Length >= 2 || words.Any(w => !Speculation.SpeculationText.IsStopWord(w));
    }

    /// <summary>The minimum-speech guard passed while the candidate still speaks: detection is this moment.</summary>
    public BargeInDecision OnGuardPassed(DateTimeOffset now)
    {
        if (Candidate is not { } candidate)
        {
            return BargeInDecision.None;
        }

        Candidate = null;
        return Decided(candidate with { DetectedAt = now }, candidate.ItemId);
    }

    /// <summary>True when <paramref name="transcript"/> is only one of the configured backchannels (case and punctuation aside).</summary>
    public bool IsBackchannel(string transcript)
    {
        var normalized = Normalize(transcript);
        return normalized.Length > 0 && _backchannels.Contains(normalized);
    }

    private BargeInDecision OnSpeech(string? itemId, DateTimeOffset detectedAt, DateTimeOffset onset, string detectedBy, bool guarded, DateTimeOffset now)
    {
        if (!_settings.BargeIn || _settings.HalfDuplex)
        {
            return new BargeInDecision.Ignore(_settings.HalfDuplex ? "half-duplex" : "barge-in off");
        }

        if (Paused is { } paused)
        {
            // More of the speech the assistant is paused for (the other VAD, or it started again).
            Paused = paused with { ItemId = paused.ItemId ?? itemId, Stopped = false };
            return BargeInDecision.None;
        }

        if (Candidate is { } pending)
        {
            if (guarded)
            {
                // The server reports speech the local VAD is already timing: keep its item id for the next turn.
                Candidate = pending with { ItemId = pending.ItemId ?? itemId };
                return BargeInDecision.None;
            }

            // The local VAD has now heard the minimum speech: decide at once instead of waiting for the guard.
            Candidate = null;
            return Decided(pending with { DetectedAt = detectedAt, DetectedBy = detectedBy }, pending.ItemId);
        }

        var candidate = new BargeInCandidate(itemId, detectedAt, onset, detectedBy, Stopped: false);
        if (!guarded || _settings.BargeInMinSpeech <= TimeSpan.Zero)
        {
            return Decided(candidate, itemId);
        }

        Candidate = candidate;
        // The server reports speech after some of it was heard; only the part not yet heard is waited for.
        var heard = now - onset;
        var remaining = _settings.BargeInMinSpeech - (heard > TimeSpan.Zero ? heard : TimeSpan.Zero);
        return new BargeInDecision.Guard(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
    }

    /// <summary>Speech long enough to interrupt: interrupt at once, or pause and wait for its words.</summary>
    private BargeInDecision Decided(BargeInCandidate candidate, string? itemId)
    {
        if (_settings.FalseInterruptionTimeout <= TimeSpan.Zero)
        {
            return new BargeInDecision.Interrupt(candidate, itemId);
        }

        Paused = candidate with { ItemId = candidate.ItemId ?? itemId };
        ResumedItemId = null;
        _pausedWords.Clear();
        _pausedFor = TimeSpan.Zero;
        return new BargeInDecision.Pause(Paused, _settings.FalseInterruptionTimeout);
    }

    private BargeInDecision.Interrupt Interrupted(BargeInCandidate paused, string itemId, DateTimeOffset now)
    {
        Paused = null;
        _pausedWords.Clear();
        // Detection (and the barge-in report's time to silence) counts from the pause: that is when the user heard it stop.
        return new BargeInDecision.Interrupt(paused with { ItemId = itemId }, itemId);
    }

    private BargeInDecision.Resume Resumed(BargeInCandidate paused, string reason)
    {
        Paused = null;
        ResumedItemId = paused.ItemId;
        _pausedWords.Clear();
        return new BargeInDecision.Resume(reason);
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '-'], StringSplitOptions.RemoveEmptyEntries));
}
