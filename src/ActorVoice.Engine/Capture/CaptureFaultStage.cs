using Akka.Streams;
using Akka.Streams.Stage;
using ActorVoice.Faults;

namespace ActorVoice.Engine.Capture;

/// <summary>
/// Injects the capture faults of a fault plan (<c>actorvoice.faults.capture</c>) into a stream of PCM16 frames, as a
/// microphone would misbehave: the device is lost after <see cref="CaptureFaults.DeviceLostAfter"/> of audio (the stream
/// fails with an <see cref="InjectedFaultException"/> saying so), a gap follows a frame (the next frames of
/// <see cref="CaptureFaults.Gap"/> are not sent), a frame is corrupt (random full-scale samples, or a frame cut short),
/// or a noise burst starts (white noise at <see cref="CaptureFaults.NoiseBurstDbfs"/> mixed into the next frames of
/// <see cref="CaptureFaults.NoiseBurst"/>). Time is audio time (frames × their length), so the faults fall on the same
/// frames however fast the stream runs; per frame the draws are made in a fixed order from one seeded
/// <see cref="FaultDice"/>. Every fault is recorded in the <see cref="FaultLog"/>.
/// </summary>
public sealed class CaptureFaultStage : GraphStage<FlowShape<short[], short[]>>
{
    public const string Edge = "capture";
    private readonly CaptureFaults _faults;
    private readonly FaultDice _dice;
    private readonly FaultLog _log;
    private readonly int _sampleRate;
    private readonly Inlet<short[]> _in = new("CaptureFaults.in");
    private readonly Outlet<short[]> _out = new("CaptureFaults.out");

    public CaptureFaultStage(CaptureFaults faults, FaultDice dice, FaultLog log, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(dice);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _faults = faults;
        _dice = dice;
        _log = log;
        _sampleRate = sampleRate;
        Shape = new FlowShape<short[], short[]>(_in, _out);
    }

    public override FlowShape<short[], short[]> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("captureFaults");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly CaptureFaultStage _stage;
        private readonly double _noiseAmplitude;
        private double _audioMs;
        private double _gapLeftMs;
        private double _burstLeftMs;

        public Logic(CaptureFaultStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            // White noise uniform in [-a, a] has an RMS of a / √3: scale it so that the burst's RMS is the configured level.
            _noiseAmplitude = Math.Min(short.MaxValue, short.MaxValue * Math.Pow(10, stage._faults.NoiseBurstDbfs / 20) * Math.Sqrt(3));
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPull() => Pull(_stage._in);

        public override void OnPush()
        {
            var frame = Grab(_stage._in);
            var faults = _stage._faults;
            var frameMs = frame.Length * 1000.0 / _stage._sampleRate;
            _audioMs += frameMs;
            if (faults.DeviceLostAfter > TimeSpan.Zero && _audioMs > faults.DeviceLostAfter.TotalMilliseconds)
            {
                _stage._log.Record(Edge, "device-lost", $"after {faults.DeviceLostAfter.TotalMilliseconds:0} ms of audio");
                FailStage(new InjectedFaultException($"The capture device was lost after {faults.DeviceLostAfter.TotalMilliseconds:0} ms (injected fault)."));
                return;
            }

            if (_gapLeftMs > 0)
            {
                _gapLeftMs -= frameMs;
                Pull(_stage._in);
                return;
            }

            var output = Inject(frame, frameMs);
            if (faults.Gap > TimeSpan.Zero && _stage._dice.Roll(faults.GapRate))
            {
                _stage._log.Record(Edge, "gap", $"{faults.Gap.TotalMilliseconds:0} ms at {_audioMs:0} ms");
                _gapLeftMs = faults.Gap.TotalMilliseconds;
            }

            Push(_stage._out, output);
        }

        private short[] Inject(short[] frame, double frameMs)
        {
            var faults = _stage._faults;
            var dice = _stage._dice;
            if (_burstLeftMs <= 0 && faults.NoiseBurst > TimeSpan.Zero && dice.Roll(faults.NoiseBurstRate))
            {
                _stage._log.Record(Edge, "noise-burst", $"{faults.NoiseBurst.TotalMilliseconds:0} ms at {faults.NoiseBurstDbfs:0} dBFS at {_audioMs:0} ms");
                _burstLeftMs = faults.NoiseBurst.TotalMilliseconds;
            }

            var output = frame;
            if (_burstLeftMs > 0)
            {
                _burstLeftMs -= frameMs;
                output = new short[frame.Length];
                for (var i = 0; i < frame.Length; i++)
                {
                    var noise = (dice.NextDouble() * 2 - 1) * _noiseAmplitude;
                    output[i] = (short)Math.Clamp(frame[i] + noise, short.MinValue, short.MaxValue);
                }
            }

            if (!dice.Roll(faults.CorruptFrameRate))
            {
                return output;
            }

            if (dice.Next(2) == 0)
            {
                _stage._log.Record(Edge, "corrupt-frame", $"short frame at {_audioMs:0} ms");
                return output[..(output.Length / 2)];
            }

            _stage._log.Record(Edge, "corrupt-frame", $"full-scale garbage at {_audioMs:0} ms");
            var garbage = new short[output.Length];
            for (var i = 0; i < garbage.Length; i++)
            {
                garbage[i] = (short)(dice.Next(2) == 0 ? short.MaxValue : short.MinValue);
            }

            return garbage;
        }
    }
}
