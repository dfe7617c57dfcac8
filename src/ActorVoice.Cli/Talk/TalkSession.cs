using Akka.Actor;
using ActorVoice.Audio.Devices;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Live;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Realtime.Protocol.Session;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Talk;

/// <summary>
/// One live conversation on real devices: the devices are chosen and opened first (so a missing one is a clear error
/// before anything else starts), then the host (index, local realtime server unless a URL is configured, actor
/// system) and one live session on it, until Ctrl+C, <c>--duration</c> or a session failure.
/// </summary>
internal static class TalkSession
{
    /// <summary>The engine's capture frame: one device read.</summary>
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(TalkOptions options, Akka.Configuration.Config config, TextWriter output, CancellationToken cancellationToken)
    {
        IAudioBackend backend;
        AudioDevice microphone;
        AudioDevice speakerDevice;
        DevicePlayer player;
        try
        {
            backend = AudioBackends.Open();
        }
        catch (AudioDeviceException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 2;
        }

        try
        {
            try
            {
                var devices = backend.Devices();
                if (devices.Count == 0)
                {
                    throw new AudioDeviceException($"{backend.Name} found no audio devices. {TalkCommand.NoDeviceHint()}");
                }

                microphone = AudioDeviceSelector.Select(devices, AudioDirection.Input, options.InputDevice);
                speakerDevice = AudioDeviceSelector.Select(devices, AudioDirection.Output, options.OutputDevice);

                // Fail fast: the engine opens the microphone once the session runs, where a refusal would be a
                // failed capture in the middle of things rather than an error naming the device.
                backend.OpenInput(microphone, (int)Math.Round(microphone.DefaultSampleRate), 1024).Dispose();
                player = DevicePlayer.Start(backend, speakerDevice, WireAudio.SampleRate);
            }
            catch (AudioDeviceException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            try
            {
                return await ConverseAsync(options, config, backend, microphone, speakerDevice, player, output, cancellationToken);
            }
            finally
            {
                await CloseWithinAsync(player, "the speaker");
            }
        }
        finally
        {
            await CloseWithinAsync(backend, backend.Name);
        }
    }

    private static readonly TimeSpan DeviceCloseBound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Closes a device or the audio library off the main flow, giving up after <see cref="DeviceCloseBound"/>: a sound
    /// server that never answers a close (an ALSA/PulseAudio stream that does not drain, a terminate waiting on it)
    /// must not keep Ctrl+C from ending the program. The close goes on on a background thread; the process exits anyway.
    /// </summary>
    private static async Task CloseWithinAsync(IDisposable device, string what)
    {
        var closing = Task.Run(device.Dispose, CancellationToken.None);
        if (await Task.WhenAny(closing, Task.Delay(DeviceCloseBound, CancellationToken.None)) != closing)
        {
            await Console.Error.WriteLineAsync($"warning: {what} did not close within {DeviceCloseBound.TotalSeconds:0} s; exiting");
        }
        else
        {
            await closing;
        }
    }

    private static async Task<int> ConverseAsync(
        TalkOptions options,
        Akka.Configuration.Config config,
        IAudioBackend backend,
        AudioDevice microphone,
        AudioDevice speakerDevice,
        DevicePlayer player,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.MinimumLogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning;
                voice.WithKnowledge(new KnowledgeOptions(options.IndexFolder, options.Docs)).WithVoiceEngine();
                if (voice.Settings.Realtime.IsEmbedded)
                {
                    voice.WithLocalRealtimeServer(s => s with { Port = 0 });
                }
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var sessions = host.Services.GetRequiredService<VoiceSessions>();
            var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var reporter = system.ActorOf(TalkReporter.Props(output, failed), "talk-reporter");
            var speaker = new DeviceSpeaker(player);
            var audio = new LiveAudio(DeviceMicrophone.Create(backend, microphone, WireAudio.SampleRate, Frame), speaker);
            var session = await sessions.StartLiveAsync(reporter, "talk", audio, cancellationToken);
            output.WriteLine($"microphone: {microphone.Index} {microphone.Name}; speaker: {speakerDevice.Index} {speakerDevice.Name}");
            output.WriteLine(options.Duration is { } limit
                ? $"listening for {limit.TotalSeconds:0.#} s: ask a question (Ctrl+C ends)."
                : "listening: ask a question (Ctrl+C ends).");

            var ended = await WaitForEndAsync(options.Duration, failed.Task, cancellationToken);
            // Silence first (the user asked to stop), then the session; the host stops in the finally.
            player.Clear();
            await StopSessionAsync(session);
            output.WriteLine(ended is null ? "ended." : $"ended: {ended}");
            return ended is null ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("ended before the session was ready.");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or DllNotFoundException or AskTimeoutException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
        finally
        {
            // Ctrl+C must end the program promptly: a host that does not stop within the bound (a device read that
            // never returns, a stuck connection) is left to the process exit, with a warning.
            var stopping = AssistantRuntime.StopAsync(host);
            if (await Task.WhenAny(stopping, Task.Delay(HostStopBound, CancellationToken.None)) != stopping)
            {
                await Console.Error.WriteLineAsync($"warning: the assistant did not stop within {HostStopBound.TotalSeconds:0} s; exiting");
            }
        }
    }

    private static readonly TimeSpan HostStopBound = TimeSpan.FromSeconds(15);

    /// <summary>Null when Ctrl+C or the duration ended it; the reason when the session failed.</summary>
    private static async Task<string?> WaitForEndAsync(TimeSpan? duration, Task<string> failed, CancellationToken cancellationToken)
    {
        var wait = Task.Delay(duration ?? Timeout.InfiniteTimeSpan, cancellationToken);
        var first = await Task.WhenAny(wait, failed);
        return first == failed ? await failed : null;
    }

    private static async Task StopSessionAsync(IActorRef session)
    {
        try
        {
            await session.GracefulStop(TimeSpan.FromSeconds(5));
        }
        catch (TaskCanceledException)
        {
            // It did not stop in time; stopping the host stops it for good.
        }
    }
}
