using System.Diagnostics;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Talk;

/// <summary>
/// The virtual devices of scripts/virtual-audio.sh (PulseAudio null sinks reached through ALSA): the script is run once
/// per test process (it is idempotent), a WAV is "spoken" into the virtual microphone with paplay, and what reaches the
/// virtual speaker is recorded from its monitor with parec.
/// </summary>
public static class VirtualAudio
{
    public const string Microphone = "actorvoice_mic";
    public const string Speaker = "actorvoice_speaker";

    /// <summary>The rate recordings are made at.</summary>
    public const int RecordRate = 24000;

    private static readonly Lazy<Task> Setup = new(() => RunAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "virtual-audio.sh"), "start"], TimeSpan.FromMinutes(5)));

    public static Task EnsureStartedAsync() => Setup.Value;

    /// <summary>Plays <paramref name="wav"/> into the virtual microphone, in real time; completes when it has played.</summary>
    public static Task SpeakAsync(string wav) => RunAsync("paplay", ["-d", Microphone, wav], TimeSpan.FromMinutes(1));

    /// <summary>Starts recording the virtual speaker (raw PCM16 mono at <see cref="RecordRate"/>); dispose to stop.</summary>
    public static Recording RecordSpeaker() => new(Speaker + ".monitor");

    /// <summary>Runs a command, failing with its output when it exits non-zero.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    /// <summary>A parec process recording one source to memory.</summary>
    public sealed class Recording : IDisposable
    {
        private readonly Process _process;
        private readonly MemoryStream _bytes = new();
        private readonly TaskCompletionSource _flowing = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _copy;

        internal Recording(string source)
        {
            var start = new ProcessStartInfo("parec")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "-d", source, "--raw", "--format=s16le", "--channels=1", $"--rate={RecordRate}", "--latency-msec=20" })
            {
                start.ArgumentList.Add(arg);
            }

            _process = Process.Start(start)!;
            _copy = CopyAsync(_process.StandardOutput.BaseStream);
        }

        /// <summary>
        /// Completes once audio comes (a null sink's monitor streams silence while nothing plays), so nothing played
        /// after it is missed however long parec took to start on a loaded machine.
        /// </summary>
        public Task StartedAsync(TimeSpan timeout) => _flowing.Task.WaitAsync(timeout);

        private async Task CopyAsync(Stream from)
        {
            var buffer = new byte[4096];
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                _bytes.Write(buffer, 0, read);
                _flowing.TrySetResult();
            }

            _flowing.TrySetResult();
        }

        /// <summary>Stops recording and returns the samples.</summary>
        public async Task<short[]> StopAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
            await _copy;
            var bytes = _bytes.ToArray();
            var samples = new short[bytes.Length / 2];
            Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
            return samples;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.Dispose();
            _bytes.Dispose();
        }
    }

    /// <summary>Milliseconds of 10 ms windows whose RMS is above <paramref name="threshold"/> (of full scale, 0..1).</summary>
    public static double LoudMilliseconds(ReadOnlySpan<short> samples, int sampleRate, double threshold = 0.01)
    {
        var window = sampleRate / 100;
        var loud = 0;
        for (var start = 0; start + window <= samples.Length; start += window)
        {
            double sum = 0;
            foreach (var s in samples.Slice(start, window))
            {
                sum += (double)s * s;
            }

            if (Math.Sqrt(sum / window) / 32768.0 > threshold)
            {
                loud++;
            }
        }

        return loud * 10.0;
    }
}
