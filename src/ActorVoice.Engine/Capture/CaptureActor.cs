using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Audio;
using ActorVoice.Audio.Capture;
using ActorVoice.Audio.Files;
using ActorVoice.Audio.Pcm;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Live;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Streaming;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Faults;

namespace ActorVoice.Engine.Capture;

/// <summary>
/// Runs capture streams: a WAV file (any rate, resampled to the wire rate) cut into frames, paced like a
/// microphone, encoded as <c>input_audio_buffer.append</c> and written straight into the socket's outgoing
/// channel. The local shadow recognizer gets a copy of the frames on a side branch (its own dispatcher, a buffer
/// that drops the oldest frames when it lags), so decoding never delays the uplink. The actor only controls: it
/// starts, stops and reports; frames never pass through its mailbox.
/// </summary>
public sealed class CaptureActor : ReceiveActor, IWithStash
{
    private readonly FaultInjection _faults;
    private readonly CrashPoint _crashPoint;
    /// <summary>The dispatcher the shadow recognizer runs on (a fixed pool, see engine.conf); the default one when absent.</summary>
    public const string RecognitionDispatcher = "actorvoice.engine.dispatchers.recognition";

    // Audio the shadow recognizer may lag behind before its oldest frames are dropped: a whole question even when the
    // capture runs faster than real time (fast pace), at about 1.4 MB for 20 ms frames.
    private static readonly TimeSpan RecognitionBuffer = TimeSpan.FromSeconds(30);

    // A live frame this much later than the audio clock says marks a gap (the client paused): the turn's capture clock
    // is re-anchored there. Network jitter stays well below it.
    private static readonly TimeSpan LiveResyncTolerance = TimeSpan.FromMilliseconds(250);
    private const int SampleRate = WireAudio.SampleRate;
    private readonly CaptureSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IMaterializer _materializer = Context.System.Materializer();
    private long _sessionAudioMs;
    private UniqueKillSwitch? _running;
    private bool _busy;

    public CaptureActor(CaptureSettings settings, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("capture");
        _settings = settings;
        Receive<StartCapture>(Start);
        Receive<StartLiveCapture>(StartLive);
        Receive<Loaded>(Run);
        Receive<LoadFailed>(failed =>
        {
            _busy = false;
            failed.ReplyTo.Tell(new CaptureFailed(failed.Reason));
            Stash.Unstash();
        });
        Receive<StopCapture>(_ =>
        {
            _running?.Shutdown();
            _running = null;
        });
        Receive<StreamEnded>(ended =>
        {
            _running = null;
            _busy = false;
            ended.ReplyTo.Tell(ended.Error is null ? new CaptureCompleted(ended.DurationMs) : new CaptureFailed(ended.Error));
            Stash.Unstash();
        });
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(CaptureSettings settings, FaultInjection? faults = null) => Akka.Actor.Props.Create(() => new CaptureActor(settings, faults));

    /// <summary>A planned crash (<c>actorvoice.faults.crashes</c>) strikes here, before the message is handled.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        _crashPoint.BeforeMessage(message);
        return base.AroundReceive(receive, message);
    }


    protected override void PostStop() => _running?.Shutdown();

    private void Start(StartCapture start)
    {
        // One input device: a capture asked for while another runs (its trailing silence, say) starts after it.
        if (_busy)
        {
            Stash.Stash();
            return;
        }

        _busy = true;

        var path = start.WavPath;
        var replyTo = start.ReplyTo;
        var outgoing = start.Outgoing;
        // Decoding and resampling a file is I/O and CPU work: keep it off the actor's thread.
        Task.Run(() => WavFile.LoadMono16(path, SampleRate))
            .PipeTo(Self, success: samples => new Loaded(samples, outgoing, replyTo, start.LocalVad, start.Recognizers, start.LocalVadChoice), failure: ex => new LoadFailed(Describe(ex), replyTo));
    }

    private void Run(Loaded loaded)
    {
        var frameSamples = (int)(SampleRate * _settings.Frame.TotalSeconds);
        var frames = (loaded.Samples.Length + frameSamples - 1) / frameSamples
            + (int)Math.Ceiling(_settings.TrailingSilence.TotalSeconds * SampleRate / frameSamples);
        var durationMs = frames * (long)_settings.Frame.TotalMilliseconds;
        var offsetMs = _sessionAudioMs;
        _sessionAudioMs += durationMs;
        var outgoing = loaded.Outgoing;
        var log = _log;
        // A fault plan may make the device misbehave (lost, gaps, corrupt frames, noise); malformed frames are then
        // refused before the VAD and the socket see them, so one bad frame loses nothing else.
        var source = AudioSources.FromSamples(loaded.Samples, SampleRate, _settings.Frame, _settings.TrailingSilence, _settings.Realtime)
            .Via(UplinkFlows.WithCaptureFaults(_faults, SampleRate))
            .Via(UplinkFlows.RefuseMalformed(frameSamples, reason => log.Error("Capture: refused {Frame}; the capture goes on", reason)));
        source = WithListeners(source, offsetMs, loaded.LocalVad, loaded.LocalVadChoice, loaded.Recognizers, loaded.ReplyTo);

        var (killSwitch, completion) = source
            .Select(frame => (ClientEvent)new InputAudioBufferAppend(Pcm16.ToBase64(frame)))
            .ViaMaterialized(KillSwitches.Single<ClientEvent>(), Keep.Right)
            .SelectAsync(1, async e =>
            {
                await outgoing.WriteAsync(e);
                return NotUsed.Instance;
            })
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(_materializer);
        Telemetry.LiveResources.CaptureStreams.Track(completion);
        _running = killSwitch;
        loaded.ReplyTo.Tell(new CaptureStarted(offsetMs, durationMs, Context.System.Scheduler.Now));
        var replyTo = loaded.ReplyTo;
        completion.PipeTo(Self, success: () => new StreamEnded(durationMs, null, replyTo), failure: ex => new StreamEnded(durationMs, ex is null ? "capture failed" : Describe(ex), replyTo));
        _log.Debug("Capture started: {DurationMs} ms of audio at session offset {OffsetMs} ms", durationMs, offsetMs);
    }

    /// <summary>
    /// A live microphone for the session's whole life: frames of any length are cut to the configured frame, pass the
    /// local VAD and the shadow recognizer like a file's, and go to the current connection through the
    /// <see cref="LiveUplink"/> (dropped while the link is down). Not throttled: the microphone is real time itself.
    /// </summary>
    private void StartLive(StartLiveCapture start)
    {
        _running?.Shutdown();
        var frameSamples = (int)(SampleRate * _settings.Frame.TotalSeconds);
        var offsetMs = _sessionAudioMs;
        var replyTo = start.ReplyTo;
        var scheduler = Context.System.Scheduler;
        var source = start.Microphone
            .Via(LiveFrames.Rechunk(frameSamples))
            .Via(LiveFrames.ClockResync(SampleRate, offsetMs, LiveResyncTolerance, () => scheduler.Now, (ms, at) => replyTo.Tell(new CaptureStarted(ms, long.MaxValue, at))));
        source = WithListeners(source, offsetMs, start.LocalVad, start.LocalVadChoice, start.Recognizers, replyTo);
        var uplink = start.Uplink;
        var (killSwitch, completion) = source
            .Select(frame => (ClientEvent)new InputAudioBufferAppend(Pcm16.ToBase64(frame)))
            .ViaMaterialized(KillSwitches.Single<ClientEvent>(), Keep.Right)
            .SelectAsync(1, async e =>
            {
                await uplink.WriteAsync(e);
                return NotUsed.Instance;
            })
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(_materializer);
        Telemetry.LiveResources.CaptureStreams.Track(completion);
        _running = killSwitch;
        // The live stream holds the input for good: file captures asked for meanwhile wait (stashed).
        _busy = true;
        completion.PipeTo(Self, success: () => new StreamEnded(0, null, replyTo), failure: ex => new StreamEnded(0, ex is null ? "capture failed" : Describe(ex), replyTo));
        _log.Info("Live capture started at session offset {OffsetMs} ms", offsetMs);
    }

    private Source<short[], NotUsed> WithListeners(Source<short[], NotUsed> source, long offsetMs, VadParameters? localVad, VadChoice? localVadChoice, IRecognizerPool? recognizers, IActorRef listener)
    {
        if (localVad is not null)
        {
            var scheduler = Context.System.Scheduler;
            source = source.Via(VadFlows.Detect(SampleRate, localVad, localVadChoice ?? VadChoice.Energy, t =>
                listener.Tell(new LocalSpeech(t.Kind, offsetMs + t.AudioMs, scheduler.Now))));
        }

        if (recognizers is not null && localVad is not null)
        {
            var recognizer = RecognitionFlows.ShadowRecognizer(SampleRate, localVad, recognizers, e =>
                    listener.Tell(new LocalTranscript(e.Kind == LocalRecognitionEventKind.Final, e.Text, offsetMs + e.AudioMs)))
                .To(Sink.Ignore<short[]>());
            var dispatcher = Context.System.Dispatchers.HasDispatcher(RecognitionDispatcher) ? RecognitionDispatcher : null;
            source = source.Via(UplinkFlows.WithSideBranch(recognizer, Math.Max(1, (int)(RecognitionBuffer / _settings.Frame)), dispatcher));
        }

        return source;
    }

    private static string Describe(Exception ex) => ex switch
    {
        AggregateException { InnerException: { } inner } => Describe(inner),
        AudioFormatException => ex.Message,
        ChannelClosedException => "The realtime connection closed during capture.",
        _ => ex.Message,
    };

    /// <summary>Capture <paramref name="WavPath"/> into <paramref name="Outgoing"/>; progress goes to <paramref name="ReplyTo"/>.</summary>
    /// <remarks>With <paramref name="LocalVad"/>, speech transitions found on the stream go to <paramref name="ReplyTo"/> as <see cref="LocalSpeech"/>;
    /// <paramref name="LocalVadChoice"/> picks the detector (energy when null).</remarks>
    public sealed record StartCapture(string WavPath, ChannelWriter<ClientEvent> Outgoing, IActorRef ReplyTo, VadParameters? LocalVad = null, IRecognizerPool? Recognizers = null, VadChoice? LocalVadChoice = null);

    /// <summary>
    /// Capture <paramref name="Microphone"/> (24 kHz mono PCM16, frames of any length, real time) for the session's
    /// whole life into <paramref name="Uplink"/>; speech and transcripts found on it go to <paramref name="ReplyTo"/>,
    /// as does <see cref="CaptureStarted"/> at its start and after each gap (never per frame).
    /// </summary>
    public sealed record StartLiveCapture(Source<short[], NotUsed> Microphone, LiveUplink Uplink, IActorRef ReplyTo, VadParameters? LocalVad = null, IRecognizerPool? Recognizers = null, VadChoice? LocalVadChoice = null);

    /// <summary>The local shadow recognizer's partial (or, with <paramref name="IsFinal"/>, final) transcript of the current utterance.</summary>
    public sealed record LocalTranscript(bool IsFinal, string Text, long SessionAudioMs);

    /// <summary>The local VAD saw speech start or stop at <paramref name="SessionAudioMs"/> of the session's input audio; detected at <paramref name="At"/>.</summary>
    public sealed record LocalSpeech(VadTransitionKind Kind, long SessionAudioMs, DateTimeOffset At);

    public sealed record StopCapture
    {
        public static StopCapture Instance { get; } = new();
    }

    /// <summary>The first frame is leaving now; its audio starts at <paramref name="SessionOffsetMs"/> of the session's input audio.</summary>
    public sealed record CaptureStarted(long SessionOffsetMs, long DurationMs, DateTimeOffset At);

    public sealed record CaptureCompleted(long DurationMs);

    public sealed record CaptureFailed(string Reason);

    private sealed record Loaded(short[] Samples, ChannelWriter<ClientEvent> Outgoing, IActorRef ReplyTo, VadParameters? LocalVad, IRecognizerPool? Recognizers, VadChoice? LocalVadChoice);

    private sealed record LoadFailed(string Reason, IActorRef ReplyTo);

    private sealed record StreamEnded(long DurationMs, string? Error, IActorRef ReplyTo);
}
