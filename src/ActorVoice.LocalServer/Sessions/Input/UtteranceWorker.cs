using System.Threading.Channels;
using ActorVoice.LocalServer.Transcription;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>
/// Decodes one user turn off the session's loop: the loop hands it audio as it arrives and then ends it; the worker,
/// on its own task, decodes and posts what it learns back to the loop as messages: transcription deltas while the user
/// speaks, then (when asked) the settled rest of the partial, then the final transcript or the failure. A slow decode
/// therefore never holds back client events. With a decoder free when the turn starts it streams; with none free it
/// keeps the audio, and once the turn ends waits (at most <c>recognition.queue-timeout</c>) for a decoder and decodes
/// the turn in one go. <see cref="Abandoned"/> and
/// the calls to <see cref="Feed"/>, <see cref="End"/> and <see cref="Abandon"/> belong to the loop.
/// </summary>
internal sealed class UtteranceWorker
{
    private readonly Channel<Command> _commands =
        Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    // Thread-safe and nothing to dispose: checked before each command, so an abandoned turn stops after the slice at hand.
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IRecognizerPool _pool;
    private readonly int _stableUpdates;
    private readonly TimeSpan _queueTimeout;
    private readonly SessionInbox _inbox;

    // queueTimeout: the longest wait for a free decoder (zero: no limit); past it the turn fails with RecognizerBusyException.
    public UtteranceWorker(string itemId, IRecognizerPool pool, int stableUpdates, TimeSpan queueTimeout, SessionInbox inbox)
    {
        ItemId = itemId;
        _pool = pool;
        _stableUpdates = stableUpdates;
        _queueTimeout = queueTimeout;
        _inbox = inbox;
        _ = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>The user item this turn becomes.</summary>
    public string ItemId { get; }

    /// <summary>Set on the loop when the turn was dropped (buffer cleared, session ended): its messages are then ignored.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>Queues audio at the session's internal rate.</summary>
    public void Feed(ReadOnlySpan<short> samples) => _commands.Writer.TryWrite(new Command(samples.ToArray(), Flush: false));

    /// <summary>Ends the turn once the audio queued before has been decoded; <paramref name="flush"/> first sends <see cref="Flushed"/>.</summary>
    public void End(bool flush)
    {
        _commands.Writer.TryWrite(new Command(null, flush));
        _commands.Writer.TryComplete();
    }

    /// <summary>Drops the turn: decoding stops, the decoder goes back, and messages still on their way are ignored.</summary>
    public void Abandon()
    {
        Abandoned = true;
        _commands.Writer.TryComplete();
        _abandoned.TrySetResult();
    }

    private async Task RunAsync()
    {
        UtteranceRecognition? recognition = null;
        try
        {
            // A decoder free now follows the turn as it is spoken (transcription deltas while the user speaks). When all
            // are busy the turn does not queue for one yet: a decoder held while someone speaks in real time is idle most
            // of that time, so under contention the audio is kept until the turn ends and then decoded in one go at full
            // speed; the decoders then serve several times more turns (docs/load.md).
            Exception? failure = null;
            try
            {
                _ = UtteranceRecognition.TryStart(_pool, WireAudio.SampleRate, _stableUpdates, out recognition);
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                failure = new RecognizerUnavailableException(ex);
            }

            recognition = failure is null && recognition is null
                ? await DecodeWhenEndedAsync()
                : await StreamAsync(recognition, failure);
        }
        finally
        {
            recognition?.Dispose();
        }
    }

    /// <summary>Streams the turn through <paramref name="recognition"/> (null with <paramref name="failure"/>: nothing is decoded) until it ends.</summary>
    private async Task<UtteranceRecognition?> StreamAsync(UtteranceRecognition? recognition, Exception? failure)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_abandoned.Task.IsCompleted)
            {
                return recognition;
            }

            if (command.Audio is { } audio)
            {
                if (recognition is not null && failure is null)
                {
                    failure = Decode(recognition, audio);
                }

                continue;
            }

            if (command.Flush)
            {
                _inbox.Post(new Flushed(this, failure is null ? recognition?.FlushPartial() : null));
            }

            _inbox.Post(Finish(recognition, failure));
            return recognition;
        }

        return recognition;
    }

    /// <summary>
    /// Keeps the turn's audio until it ends, then waits for a decoder (at most the queue timeout: past it the turn
    /// fails as busy, so the queue cannot outgrow the decoders) and decodes the whole turn at once. The end of speech is
    /// acknowledged at once (nothing partial to add), so the turn is committed without waiting for a decoder.
    /// </summary>
    private async Task<UtteranceRecognition?> DecodeWhenEndedAsync()
    {
        var held = new List<short[]>();
        var samples = 0;
        Command? end = null;
        await foreach (var command in _commands.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_abandoned.Task.IsCompleted)
            {
                return null;
            }

            if (command.Audio is { } audio)
            {
                held.Add(audio);
                samples += audio.Length;
                continue;
            }

            end = command;
            break;
        }

        if (end is not { } ended || _abandoned.Task.IsCompleted)
        {
            return null;
        }

        if (ended.Flush)
        {
            _inbox.Post(new Flushed(this, null));
        }

        UtteranceRecognition? recognition = null;
        Exception? failure = null;
        try
        {
            // All sessions share a few decoders: wait for one without holding a thread (a blocked thread per waiting turn
            // starved the thread pool at 50 sessions, see docs/load.md); waiters are served in order.
            using var waiting = new CancellationTokenSource();
            if (_queueTimeout > TimeSpan.Zero)
            {
                waiting.CancelAfter(_queueTimeout);
            }

            recognition = await UtteranceRecognition.StartAsync(_pool, WireAudio.SampleRate, _stableUpdates, waiting.Token);
        }
        catch (OperationCanceledException)
        {
            failure = new RecognizerBusyException();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            failure = new RecognizerUnavailableException(ex);
        }

        if (_abandoned.Task.IsCompleted)
        {
            return recognition;
        }

        if (recognition is not null && samples > 0)
        {
            // One decoder update for the whole turn: no partial hypothesis is read per slice.
            var whole = new short[samples];
            var offset = 0;
            foreach (var slice in held)
            {
                slice.CopyTo(whole, offset);
                offset += slice.Length;
            }

            failure = Decode(recognition, whole);
        }

        _inbox.Post(Finish(recognition, failure));
        return recognition;
    }

    /// <summary>Decodes <paramref name="audio"/>, posting the words that became stable; returns the failure, if any.</summary>
    private Exception? Decode(UtteranceRecognition recognition, short[] audio)
    {
        try
        {
            if (recognition.Feed(audio) is { } delta)
            {
                _inbox.Post(new DeltaReady(this, delta));
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static bool IsUnavailable(Exception ex) =>
        ex is InvalidOperationException or DllNotFoundException or FileNotFoundException or EntryPointNotFoundException or ObjectDisposedException;

    private Message Finish(UtteranceRecognition? recognition, Exception? failure)
    {
        if (failure is not null || recognition is null)
        {
            return new Failed(this, failure ?? new RecognizerUnavailableException(null));
        }

        try
        {
            var (transcript, remaining) = recognition.Finish();
            return new Decoded(this, transcript, remaining);
        }
        catch (Exception ex)
        {
            return new Failed(this, ex);
        }
    }

    private readonly record struct Command(short[]? Audio, bool Flush);

    /// <summary>What a worker tells its session's loop; <see cref="Source"/> says which turn it is about.</summary>
    public abstract record Message(UtteranceWorker Source) : SessionMessage;

    /// <summary>Words of the partial transcript that became stable.</summary>
    public sealed record DeltaReady(UtteranceWorker Source, string Delta) : Message(Source);

    /// <summary>The user stopped speaking: the rest of the partial (last word included), or null when nothing is left.</summary>
    public sealed record Flushed(UtteranceWorker Source, string? Delta) : Message(Source);

    /// <summary>The final transcript and the delta that completes what was sent, if it still fits.</summary>
    public sealed record Decoded(UtteranceWorker Source, string Transcript, string? RemainingDelta) : Message(Source);

    /// <summary>The turn could not be transcribed.</summary>
    public sealed record Failed(UtteranceWorker Source, Exception Error) : Message(Source);
}
