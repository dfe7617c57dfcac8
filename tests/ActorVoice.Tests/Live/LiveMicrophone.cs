using System.Diagnostics;
using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using ActorVoice.Audio.Files;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Live;

/// <summary>
/// A live microphone for tests: a background loop sends 20 ms frames in real time for as long as it runs, silence
/// unless an utterance is queued (<see cref="SayAsync"/>), like a person who speaks now and then.
/// </summary>
internal sealed class LiveMicrophone : IAsyncDisposable
{
    private const int FrameSamples = WireAudio.SampleRate / 50;
    private readonly Channel<short[]> _frames = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<(short[] Samples, TaskCompletionSource Done)> _utterances = Channel.CreateUnbounded<(short[], TaskCompletionSource)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LiveMicrophone(Func<short[], Task>? send = null)
    {
        Send = send;
        _loop = Task.Run(RunAsync);
    }

    public Source<short[], NotUsed> Source => ChannelSource.FromReader(_frames.Reader);

    /// <summary>Called with every frame instead of the channel (e.g. to send it over a WebSocket).</summary>
    public Func<short[], Task>? Send { get; }

    /// <summary>Speaks <paramref name="wavPath"/> (resampled to 24 kHz) next; completes when its last frame was sent.</summary>
    public Task SayAsync(string wavPath)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _utterances.Writer.TryWrite((WavFile.LoadMono16(wavPath, WireAudio.SampleRate), done));
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _frames.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        short[]? speaking = null;
        var offset = 0;
        TaskCompletionSource? done = null;
        while (!_stop.IsCancellationRequested)
        {
            if (speaking is null && _utterances.Reader.TryRead(out var next))
            {
                (speaking, done) = next;
                offset = 0;
            }

            var frame = new short[FrameSamples];
            if (speaking is not null)
            {
                Array.Copy(speaking, offset, frame, 0, Math.Min(FrameSamples, speaking.Length - offset));
                offset += FrameSamples;
                if (offset >= speaking.Length)
                {
                    speaking = null;
                    done!.TrySetResult();
                }
            }

            if (Send is { } send)
            {
                await send(frame);
            }
            else
            {
                _frames.Writer.TryWrite(frame);
            }

            sent++;
            // Real time: frame n leaves at n × 20 ms.
            var due = TimeSpan.FromMilliseconds(sent * 20) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, _stop.Token);
            }
        }
    }
}
