using System.Diagnostics;
using System.Globalization;

namespace ActorVoice.Cli.Load;

/// <summary>
/// Runs one load test: starts the target, takes the baseline (working set, managed heap after a full GC), brings the
/// clients in evenly over the ramp, measures from the end of the ramp to the end of the run (frame handling times from
/// the serve host's histogram, ping round trips, CPU), takes memory with every session still open, then stops the
/// clients. The clients run in this process too, so CPU and memory include them: the figures are an upper bound.
/// </summary>
public sealed class LoadRunner(LoadOptions options, LoadAudio audio, TextWriter progress)
{
    private const double MiB = 1024 * 1024;

    /// <summary>
    /// Starts the target, runs the clients, and hands the report to <paramref name="report"/> while the target still
    /// runs (its shutdown logs and may take a while; the figures should not wait for it), then stops the target.
    /// </summary>
    public async Task<LoadReport> RunAsync(Func<CancellationToken, Task<ILoadTarget>> startTarget, Func<LoadReport, Task> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startTarget);
        ArgumentNullException.ThrowIfNull(report);
        // Listening before the host starts: the instrument is published when the host creates its meter.
        using var latency = new FrameLatencyRecorder();
        await using var target = await startTarget(cancellationToken).ConfigureAwait(false);
        var result = await MeasureAsync(target, latency, cancellationToken).ConfigureAwait(false);
        await report(result).ConfigureAwait(false);
        return result;
    }

    private async Task<LoadReport> MeasureAsync(ILoadTarget target, FrameLatencyRecorder latency, CancellationToken cancellationToken)
    {
        await WarmUpAsync(target, cancellationToken).ConfigureAwait(false);
        var baselineManaged = ProcessMeter.ManagedBytesAfterFullGc();
        var baselineWorkingSet = ProcessMeter.WorkingSetBytes();
        await progress.WriteLineAsync(Invariant($"Baseline: working set {baselineWorkingSet / MiB:0} MiB, managed {baselineManaged / MiB:0} MiB; starting {options.Sessions} clients over {options.Ramp.TotalSeconds:0.#} s")).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clients = Enumerable.Range(0, options.Sessions).Select(i => new LoadClient(target.ClientUri, audio, options, i)).ToList();
        var started = Stopwatch.GetTimestamp();
        var running = clients.Select((client, i) => StartLaterAsync(client, i, stop.Token)).ToList();

        await DelayAsync(options.Ramp, cancellationToken).ConfigureAwait(false);
        latency.StartRecording();
        var cpuStart = ProcessMeter.CpuTime();
        var windowStart = Stopwatch.GetTimestamp();
        var measured = options.Duration - options.Ramp;
        var peakWorkingSet = ProcessMeter.WorkingSetBytes();
        while (Stopwatch.GetElapsedTime(windowStart) < measured && !cancellationToken.IsCancellationRequested)
        {
            var left = measured - Stopwatch.GetElapsedTime(windowStart);
            await DelayAsync(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            peakWorkingSet = Math.Max(peakWorkingSet, ProcessMeter.WorkingSetBytes());
            await progress.WriteLineAsync(Invariant(
                $"  {Stopwatch.GetElapsedTime(started).TotalSeconds,5:0} s  connected {clients.Count(c => c.Stats.Connected && c.Stats.Failure is null),4}  turns {clients.Sum(c => c.Stats.TurnsCompleted),5}  working set {peakWorkingSet / MiB:0} MiB")).ConfigureAwait(false);
        }

        var frames = latency.StopRecording();
        var window = Stopwatch.GetElapsedTime(windowStart);
        var cpu = ProcessMeter.CpuTime() - cpuStart;
        var workingSet = ProcessMeter.WorkingSetBytes();
        peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
        var managed = ProcessMeter.ManagedBytesAfterFullGc();

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await progress.WriteLineAsync("Some clients did not finish closing within 30 s; their figures are as they stood.").ConfigureAwait(false);
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        var stats = clients.Select(c => c.Stats).ToList();
        var connected = stats.Count(s => s.Connected);
        var pings = stats.SelectMany(s => s.PingMilliseconds).ToList();
        var cores = Environment.ProcessorCount;
        var cpuCores = cpu.TotalSeconds / window.TotalSeconds;
        return new LoadReport
        {
            Target = target.Description,
            Sessions = options.Sessions,
            SessionsConnected = connected,
            DurationSeconds = options.Duration.TotalSeconds,
            RampSeconds = options.Ramp.TotalSeconds,
            MeasuredSeconds = window.TotalSeconds,
            Cores = cores,
            FrameLatencySource = latency.InstrumentSeen
                ? $"serve histogram {FrameLatencyRecorder.InstrumentName} (binary message received → handed to the session)"
                : $"none: the host published no {FrameLatencyRecorder.InstrumentName} instrument",
            FramesMeasured = frames.Count,
            FrameP50Ms = Percentiles.Of(frames, 50),
            FrameP99Ms = Percentiles.Of(frames, 99),
            FrameMaxMs = frames.Count > 0 ? frames.Max() : null,
            PingP50Ms = Percentiles.Of(pings, 50),
            PingP99Ms = Percentiles.Of(pings, 99),
            CpuCores = cpuCores,
            CpuPercent = 100.0 * cpuCores / cores,
            BaselineWorkingSetMb = baselineWorkingSet / MiB,
            WorkingSetMb = workingSet / MiB,
            PeakWorkingSetMb = peakWorkingSet / MiB,
            WorkingSetPerSessionMb = connected > 0 ? (workingSet - baselineWorkingSet) / MiB / connected : null,
            ManagedPerSessionMb = connected > 0 ? (managed - baselineManaged) / MiB / connected : null,
            FramesSent = stats.Sum(s => s.FramesSent),
            AudioReceivedSeconds = stats.Sum(s => s.AudioBytesReceived) / (double)(LoadAudio.SampleRate * 2),
            TurnsCompleted = stats.Sum(s => s.TurnsCompleted),
            TurnsAnswered = stats.Sum(s => s.TurnsAnswered),
            TurnsRightDocument = stats.Sum(s => s.TurnsRightDocument),
            ErrorEvents = stats.Sum(s => s.ErrorEvents),
            ClientFailures = stats.Count(s => s.Failure is not null),
            FailureSamples = stats.Where(s => s.Failure is not null).Select(s => s.Failure!).Distinct().Take(5).ToList(),
        };
    }

    /// <summary>
    /// One client talks for a few seconds before the baseline is taken, so that what the first session of a process
    /// pays once (JIT, lazily created pools and caches) is not charged to every session.
    /// </summary>
    private async Task WarmUpAsync(ILoadTarget target, CancellationToken cancellationToken)
    {
        if (options.WarmUp <= TimeSpan.Zero)
        {
            return;
        }

        await progress.WriteLineAsync(Invariant($"Warming up with one client for {options.WarmUp.TotalSeconds:0.#} s ...")).ConfigureAwait(false);
        using var warmUp = new LoadClient(target.ClientUri, audio, options, 0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.WarmUp);
        await warmUp.RunAsync(stop.Token).ConfigureAwait(false);
        // Let the server notice the close and release the session before the baseline.
        await DelayAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
    }

    private async Task StartLaterAsync(LoadClient client, int index, CancellationToken stop)
    {
        var offset = options.Sessions > 1 ? options.Ramp * index / options.Sessions : TimeSpan.Zero;
        try
        {
            await Task.Delay(offset, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await client.RunAsync(stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One client's trouble is a figure of the run, not the end of it.
            client.Stats.Failure ??= "client: " + e.GetType().Name + ": " + e.Message;
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
