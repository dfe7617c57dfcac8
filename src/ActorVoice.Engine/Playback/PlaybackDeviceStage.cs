using System.Collections.Concurrent;
using Akka;
using Akka.Streams;
using Akka.Streams.Stage;
using ActorVoice.Audio.Files;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Engine.Playback;

/// <summary>The stage behind <see cref="PlaybackDevice.Sink"/>: the audio buffers live here, never in an actor.</summary>
internal sealed class PlaybackDeviceStage : GraphStageWithMaterializedValue<SinkShape<AssistantAudio>, IPlaybackDevice>
{
    // Responses whose audio arrived before they were accepted (or that are never accepted: cancelled ones).
    private const int MaxPendingResponses = 4;

    // Released responses remembered so that their late chunks are dropped.
    private const int MaxReleasedResponses = 64;

    private readonly Action<PlaybackDeviceEvent> _onEvent;
    private readonly Inlet<AssistantAudio> _in = new("PlaybackDevice.in");

    public PlaybackDeviceStage(Action<PlaybackDeviceEvent> onEvent)
    {
        _onEvent = onEvent;
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

    private sealed record Command(string ResponseId, bool Release, long? PlayedMs, string? WavPath);

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

        public Logic(PlaybackDeviceStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush);
        }

        public void Accept(string responseId) => Enqueue(new Command(responseId, Release: false, null, null));

        public void Release(string responseId, long? playedMs, string? wavPath) => Enqueue(new Command(responseId, Release: true, playedMs, wavPath));

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

            var buffer = audio.ResponseId == _trackId ? _track! : PendingFor(audio.ResponseId);
            if (audio.IsEnd)
            {
                buffer.Ended = true;
                ReportEndIfTrack(audio.ResponseId, buffer);
            }
            else
            {
                buffer.Samples.AddRange(audio.Samples);
            }
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
                if (command.Release)
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
            ReportEndIfTrack(responseId, _track);
        }

        private void ReportEndIfTrack(string responseId, Buffer buffer)
        {
            if (buffer.Ended && responseId == _trackId)
            {
                _stage._onEvent(new TrackEnded(responseId, (long)WireAudio.Milliseconds(buffer.Samples.Count)));
            }
        }

        private void ReleaseTrack(Command command)
        {
            var buffer = command.ResponseId == _trackId ? _track! : _pending.Remove(command.ResponseId, out var pending) ? pending : new Buffer();
            if (command.ResponseId == _trackId)
            {
                _trackId = null;
                _track = null;
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
