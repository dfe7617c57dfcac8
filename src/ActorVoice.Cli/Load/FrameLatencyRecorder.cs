using System.Diagnostics.Metrics;
using ActorVoice.Server.Telemetry;

namespace ActorVoice.Cli.Load;

/// <summary>
/// Listens, in process, to the serve host's histogram of audio-frame handling time (meter <c>ActorVoice.Serve</c>,
/// instrument <c>actorvoice.serve.frame_handling</c>, in ms: from a binary WebSocket message received to its audio handed
/// to the session) and keeps every measurement taken while recording is on, for exact percentiles.
/// </summary>
public sealed class FrameLatencyRecorder : IDisposable
{
    public const string MeterName = ServeMetrics.MeterName;
    public const string InstrumentName = ServeMetrics.FrameHandlingInstrument;

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private List<double> _values = new(1 << 16);
    private volatile bool _recording;

    public FrameLatencyRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
                InstrumentSeen = true;
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            if (!_recording)
            {
                return;
            }

            lock (_gate)
            {
                _values.Add(value);
            }
        });
        _listener.Start();
    }

    /// <summary>Whether the serve host published the instrument at all.</summary>
    public bool InstrumentSeen { get; private set; }

    public void StartRecording() => _recording = true;

    /// <summary>Stops recording and hands over everything recorded.</summary>
    public IReadOnlyList<double> StopRecording()
    {
        _recording = false;
        lock (_gate)
        {
            var values = _values;
            _values = [];
            return values;
        }
    }

    public void Dispose() => _listener.Dispose();
}
