using System.Diagnostics.Metrics;

namespace ActorVoice.Server.Telemetry;

/// <summary>
/// The assistant host's own instruments on the <see cref="Meter"/> "ActorVoice.Serve" (exported at /metrics beside
/// the engine's "ActorVoice" meter): sessions, microphone frames and how long the server takes to hand each one to
/// its session, refusals and closes by code. Thread-safe; one instance per host.
/// </summary>
public sealed class ServeMetrics : IDisposable
{
    public const string MeterName = "ActorVoice.Serve";
    public const string FrameHandlingInstrument = "actorvoice.serve.frame_handling";

    private long _active;

    public ServeMetrics()
    {
        Meter = new Meter(MeterName);
        Meter.CreateObservableUpDownCounter("actorvoice.serve.sessions.active", () => Interlocked.Read(ref _active), "{session}", "Client sessions open now.");
        SessionsTotal = Meter.CreateCounter<long>("actorvoice.serve.sessions", "{session}", "Client sessions started since the host started.");
        FramesReceived = Meter.CreateCounter<long>("actorvoice.serve.frames_received", "{frame}", "Binary microphone frames received from clients.");
        FrameHandling = Meter.CreateHistogram<double>(FrameHandlingInstrument, "ms", "From a WebSocket binary message received to its audio handed to the session's microphone source.");
        Closes = Meter.CreateCounter<long>("actorvoice.serve.closes", "{connection}", "Client connections closed by the server, by close code.");
        ClientErrors = Meter.CreateCounter<long>("actorvoice.serve.client_errors", "{event}", "Bad client messages answered with an error event, by code.");
        MicrophoneDropped = Meter.CreateCounter<long>("actorvoice.serve.microphone_dropped", "{frame}", "Microphone frames dropped because the session's capture lagged.");
    }

    public Meter Meter { get; }

    public Counter<long> SessionsTotal { get; }

    public Counter<long> FramesReceived { get; }

    public Histogram<double> FrameHandling { get; }

    public Counter<long> Closes { get; }

    public Counter<long> ClientErrors { get; }

    public Counter<long> MicrophoneDropped { get; }

    public long ActiveSessions => Interlocked.Read(ref _active);

    /// <summary>Counts a session open until the returned handle is disposed.</summary>
    public IDisposable SessionOpened()
    {
        SessionsTotal.Add(1);
        Interlocked.Increment(ref _active);
        return new Release(this);
    }

    public void Dispose() => Meter.Dispose();

    private sealed class Release(ServeMetrics metrics) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref metrics._active);
            }
        }
    }
}
