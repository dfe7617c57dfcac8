using ActorVoice.Engine.Configuration;

namespace ActorVoice.Engine.Turns.BargeIn;

/// <summary>
/// Decides whether user speech during the answer interrupts it. Half-duplex or barge-in off: never. The local VAD on
/// the capture stream reports only speech that already lasted the minimum duration, so it interrupts at once. The
/// server's VAD reports speech early, so its speech becomes a candidate guarded by <see cref="TurnSettings.BargeInMinSpeech"/>:
/// it interrupts when the guard passes (or when the local VAD confirms it); when it stops before that, its words decide,
/// and a backchannel (<see cref="TurnSettings.Backchannels"/>) lets the assistant go on. One candidate at a time;
/// <see cref="Reset"/> forgets it when a turn starts.
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

    /// <summary>The speech being timed or waited on, or null.</summary>
    public BargeInCandidate? Candidate { get; private set; }

    public void Reset() => Candidate = null;

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
        if (Candidate is not { Stopped: true } candidate || (candidate.ItemId is not null && itemId != candidate.ItemId))
        {
            return BargeInDecision.None;
        }

        Candidate = null;
        return IsBackchannel(transcript)
            ? new BargeInDecision.Backchannel(transcript.Trim())
            : new BargeInDecision.Interrupt(candidate with { DetectedAt = now }, itemId);
    }

    /// <summary>The minimum-speech guard passed while the candidate still speaks: detection is this moment.</summary>
    public BargeInDecision OnGuardPassed(DateTimeOffset now)
    {
        if (Candidate is not { } candidate)
        {
            return BargeInDecision.None;
        }

        Candidate = null;
        return new BargeInDecision.Interrupt(candidate with { DetectedAt = now }, candidate.ItemId);
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
            return new BargeInDecision.Interrupt(pending with { DetectedAt = detectedAt, DetectedBy = detectedBy }, pending.ItemId);
        }

        var candidate = new BargeInCandidate(itemId, detectedAt, onset, detectedBy, Stopped: false);
        if (!guarded || _settings.BargeInMinSpeech <= TimeSpan.Zero)
        {
            return new BargeInDecision.Interrupt(candidate, itemId);
        }

        Candidate = candidate;
        // The server reports speech after some of it was heard; only the part not yet heard is waited for.
        var heard = now - onset;
        var remaining = _settings.BargeInMinSpeech - (heard > TimeSpan.Zero ? heard : TimeSpan.Zero);
        return new BargeInDecision.Guard(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '-'], StringSplitOptions.RemoveEmptyEntries));
}
