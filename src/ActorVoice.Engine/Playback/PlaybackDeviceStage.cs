using System.Collections.Concurrent;
using Akka;
using Akka.Streams;
using Akka.Streams.Stage;
using ActorVoice.Audio.Files;
using ActorVoice.Engine.Live;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Engine.Playback;

/// <summary>
/// The stage behind <see cref="PlaybackDevice.Sink"/>: the audio buffers live here, never in an actor. With playback
/// faults (<c>actorvoice.faults.playback</c>) it injects underruns (per chunk of the accepted track: the device starves
/// before that chunk, reported as <see cref="TrackUnderrun"/> so the controller's played-ms accounting stays exact) and
/// device errors (per accepted response: after a few of its chunks the device reports <see cref="DeviceFailed"/> and
/// the stage fails). Draws come from one seeded <see cref="FaultDice"/> in stream order; every fault is logged.
/// </summary>
internal sealed class PlaybackDeviceStage : GraphStageWithMaterializedValue<SinkShape<AssistantAudio>, IPlaybackDevice>
{
    public const string Edge = "playback";

    // A failing response fails after 1..MaxChunksBeforeError of its chunks (or at its end, when it has fewer).
    private const int MaxChunksBeforeError = 8;

    // Responses whose audio arrived before they were accepted (or that are never accepted: cancelled ones).
    private const int MaxPendingResponses = 4;

    // Released responses remembered so that their late chunks are dropped.
    private const int MaxReleasedResponses = 64;

    private readonly Action<PlaybackDeviceEvent> _onEvent;
    private readonly (PlaybackFaults Plan, FaultDice Dice, FaultLog Log)? _faults;
    private readonly Inlet<AssistantAudio> _in = new("PlaybackDevice.in");

    private readonly IAudioOutput? _output;

    public PlaybackDeviceStage(Action<PlaybackDeviceEvent> onEvent, (PlaybackFaults Plan, FaultDice Dice, FaultLog Log)? faults = null, IAudioOutput? output = null)
    {
        _onEvent = onEvent;
        _faults = faults;
        _output = output;
        Shape = new SinkShape<AssistantAudio>(_in);
    }

    public override SinkShape<AssistantAudio> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("playbackDevice");

    public override ILogicAndMaterializedValue<IPlaybackDevice> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var logic = new Logic(this);
        return new LogicAndMaterializedValue<IPlaybackDevice>(logic, logic);
    }

    private sealed class Buffer
    {
        public List<short> Samples { get; } = [];

        public bool Ended { get; set; }
    }

    private sealed record Command(string ResponseId, bool Release, long? PlayedMs, string? WavPath, bool Seal = false, string? StopReason = null, bool? Paused = null);

    private sealed class Logic : GraphStageLogic, IPlaybackDevice
    {
        private readonly PlaybackDeviceStage _stage;
        private readonly ConcurrentQueue<Command> _commands = new();
        private readonly Dictionary<string, Buffer> _pending = new(StringComparer.Ordinal);
        private readonly Queue<string> _pendingOrder = new();
        private readonly HashSet<string> _released = new(StringComparer.Ordinal);
        private readonly Queue<string> _releasedOrder = new();
        private Action<NotUsed>? _wake;
        private string? _trackId;
        private Buffer? _track;
        private int _chunksUntilError = -1;
        // The live output was told of the current track's end (End is said once).
        private bool _outputEnded;

        public Logic(PlaybackDeviceStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush);
        }

        public void Accept(string responseId) => Enqueue(new Command(responseId, Release: false, null, null));

        public void Release(string responseId, long? playedMs, string? wavPath, string? stopReason = null) => Enqueue(new Command(responseId, Release: true, playedMs, wavPath, StopReason: stopReason));

        public void Seal(string responseId) => Enqueue(new Command(responseId, Release: false, null, null, Seal: true));

        public void Pause(string responseId, bool paused) => Enqueue(new Command(responseId, Release: false, null, null, Paused: paused));

        public override void PreStart()
        {
            // Commands given before the stage started are queued and run now; later ones wake the stage.
            Volatile.Write(ref _wake, GetAsyncCallback<NotUsed>(_ => RunCommands()));
            RunCommands();
            Pull(_stage._in);
        }

        private void Enqueue(Command command)
        {
            _commands.Enqueue(command);
            Volatile.Read(ref _wake)?.Invoke(NotUsed.Instance);
        }

        private void OnPush()
        {
            var audio = Grab(_stage._in);
            Pull(_stage._in);
            if (_released.Contains(audio.ResponseId))
            {
                return; // late audio of a stopped response
            }

            var isTrack = audio.ResponseId == _trackId;
            var buffer = isTrack ? _track! : PendingFor(audio.ResponseId);
            if (isTrack && _chunksUntilError >= 0 && (audio.IsEnd || _chunksUntilError-- == 0))
            {
                FailDevice(audio.ResponseId, buffer);
                return;
            }

            if (audio.IsEnd)
            {
                buffer.Ended = true;
                ReportEndIfTrack(audio.ResponseId, buffer);
            }
            else
            {
                if (isTrack && _stage._faults is { } faults && faults.Plan.Underrun > TimeSpan.Zero && faults.Dice.Roll(faults.Plan.UnderrunRate))
                {
                    var atMs = (long)WireAudio.Milliseconds(buffer.Samples.Count);
                    var durationMs = (long)faults.Plan.Underrun.TotalMilliseconds;
                    faults.Log.Record(Edge, "underrun", $"{durationMs} ms before {atMs} ms of {audio.ResponseId}");
                    _stage._onEvent(new TrackUnderrun(audio.ResponseId, atMs, durationMs));
                }

                buffer.Samples.AddRange(audio.Samples);
                if (isTrack)
                {
                    _stage._output?.Write(audio.ResponseId, audio.Samples);
                }
            }
        }

        private void FailDevice(string responseId, Buffer buffer)
        {
            const string reason = "the playback device failed (injected fault)";
            _stage._faults!.Value.Log.Record(Edge, "device-error", $"{responseId} after {WireAudio.Milliseconds(buffer.Samples.Count):0} ms");
            _stage._onEvent(new DeviceFailed(responseId, (long)WireAudio.Milliseconds(buffer.Samples.Count), reason));
            _stage._output?.Stop(responseId, "device-error");
            FailStage(new InjectedFaultException(reason));
        }

        private Buffer PendingFor(string responseId)
        {
            if (_pending.TryGetValue(responseId, out var buffer))
            {
                return buffer;
            }

            while (_pendingOrder.Count >= MaxPendingResponses)
            {
                _pending.Remove(_pendingOrder.Dequeue());
            }

            buffer = new Buffer();
            _pending[responseId] = buffer;
            _pendingOrder.Enqueue(responseId);
            return buffer;
        }

        private void RunCommands()
        {
            while (_commands.TryDequeue(out var command))
            {
                if (command.Paused is { } paused)
                {
                    PauseTrack(command.ResponseId, paused);
                }
                else if (command.Seal)
                {
                    SealTrack(command.ResponseId);
                }
                else if (command.Release)
                {
                    ReleaseTrack(command);
                }
                else
                {
                    AcceptTrack(command.ResponseId);
                }
            }
        }

        private void AcceptTrack(string responseId)
        {
            if (_trackId == responseId || _released.Contains(responseId))
            {
                return;
            }

            _trackId = responseId;
            _track = _pending.Remove(responseId, out var pending) ? pending : new Buffer();
            _outputEnded = false;
            if (_stage._output is { } output)
            {
                output.Start(responseId);
                if (_track.Samples.Count > 0)
                {
                    output.Write(responseId, _track.Samples.ToArray());
                }
            }

            _chunksUntilError = _stage._faults is { } faults && faults.Dice.Roll(faults.Plan.DeviceErrorRate)
                ? 1 + faults.Dice.Next(MaxChunksBeforeError)
                : -1;
            ReportEndIfTrack(responseId, _track);
        }

        private void PauseTrack(string responseId, bool paused)
        {
            // Only the accepted track plays on a live output; one already ended there has nothing left to pause.
            if (responseId != _trackId || _stage._output is not { } output)
            {
                return;
            }

            if (paused)
            {
                output.Pause(responseId);
            }
            else
            {
                output.Resume(responseId);
            }
        }

        private void SealTrack(string responseId)
        {
            // The end mark of the accepted track was lost: what arrived is all there will be.
            if (responseId == _trackId && _track is { Ended: false } track)
            {
                track.Ended = true;
                ReportEndIfTrack(responseId, track);
            }
        }

        private void ReportEndIfTrack(string responseId, Buffer buffer)
        {
            if (buffer.Ended && responseId == _trackId)
            {
                if (!_outputEnded)
                {
                    _outputEnded = true;
                    _stage._output?.End(responseId);
                }

                _stage._onEvent(new TrackEnded(responseId, (long)WireAudio.Milliseconds(buffer.Samples.Count)));
            }
        }

        private void ReleaseTrack(Command command)
        {
            var buffer = command.ResponseId == _trackId ? _track! : _pending.Remove(command.ResponseId, out var pending) ? pending : new Buffer();
            if (command.ResponseId == _trackId)
            {
                // A live output may still be playing what it was given ahead of time: a cut-off track is stopped there
                // too, even when all of its audio was written.
                if (command.StopReason is not null)
                {
                    _stage._output?.Stop(command.ResponseId, command.StopReason);
                }
                else if (!_outputEnded)
                {
                    _stage._output?.End(command.ResponseId);
                }

                _outputEnded = false;
                _trackId = null;
                _track = null;
                _chunksUntilError = -1;
            }

            Remember(command.ResponseId);
            var receivedMs = (long)WireAudio.Milliseconds(buffer.Samples.Count);
            var playedMs = Math.Clamp(command.PlayedMs ?? receivedMs, 0, receivedMs);
            string? file = null;
            string? error = null;
            if (command.WavPath is not null && playedMs > 0)
            {
                var played = buffer.Samples.GetRange(0, Math.Min(buffer.Samples.Count, WireAudio.Samples(TimeSpan.FromMilliseconds(playedMs)))).ToArray();
                try
                {
                    WavFile.WriteMono16(command.WavPath, played, WireAudio.SampleRate);
                    file = command.WavPath;
                }
                catch (IOException ex)
                {
                    error = ex.Message;
                }
            }

            _stage._onEvent(new TrackReleased(command.ResponseId, playedMs, receivedMs, file, error));
        }

        private void Remember(string responseId)
        {
            if (!_released.Add(responseId))
            {
                return;
            }

            _releasedOrder.Enqueue(responseId);
            if (_releasedOrder.Count > MaxReleasedResponses)
            {
                _released.Remove(_releasedOrder.Dequeue());
            }
        }
    }
}
