using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using ActorVoice.Audio.Files;
using ActorVoice.Audio.Vad;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Streaming;
using Xunit.Abstractions;

namespace ActorVoice.Speech.Tests.Streaming;

public sealed class ShadowRecognizerTests : TestKit
{
    private const int SampleRate = 24_000;
    private const int FrameSamples = 480;
    private const int PoolSize = 2;

    // The engine's defaults: -35 dBFS, 500 ms of silence ends the speech.
    private static readonly VadParameters Vad = new(ThresholdDbfs: -35, PrefixPaddingMs: 200, SilenceDurationMs: 500, MinSpeechMs: 60);

    private readonly ITestOutputHelper _output;

    public ShadowRecognizerTests(ITestOutputHelper output)
        : base(output: output)
    {
        _output = output;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ShadowRecognizer_should_report_changing_partials_then_the_final_and_return_the_decoder()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, PoolSize);
        var events = new ConcurrentQueue<LocalRecognitionEvent>();
        var frames = QuestionFrames(withTrailingSilence: true);

        var passed = await Source.From(frames)
            .Via(RecognitionFlows.ShadowRecognizer(SampleRate, Vad, pool, events.Enqueue))
            .RunWith(Sink.Seq<short[]>(), Sys.Materializer());

        // Frames pass through unchanged and in order.
        Assert.Equal(frames.Count, passed.Count);
        Assert.True(frames.Zip(passed).All(pair => ReferenceEquals(pair.First, pair.Second)));

        var list = events.ToList();
        list.ForEach(e => _output.WriteLine($"{e.AudioMs,6} ms {e.Kind,-7} {e.Text}"));
        var finals = list.Where(e => e.Kind == LocalRecognitionEventKind.Final).ToList();
        var final = Assert.Single(finals);
        Assert.Equal(LocalRecognitionEventKind.Final, list[^1].Kind);
        Assert.Contains("vacation", final.Text, StringComparison.Ordinal);

        var partials = list.Where(e => e.Kind == LocalRecognitionEventKind.Partial).ToList();
        Assert.True(partials.Count >= 3, $"expected several partials, got {partials.Count}: {string.Join(" | ", partials.Select(p => p.Text))}");
        // Each partial is a change of hypothesis, and positions move forward.
        Assert.True(partials.Zip(partials.Skip(1)).All(pair => pair.First.Text != pair.Second.Text));
        Assert.True(partials.Zip(partials.Skip(1)).All(pair => pair.First.AudioMs <= pair.Second.AudioMs));
        // The final sits at the end of the last voiced frame: before the hangover that confirmed the stop, which ends
        // SilenceDurationMs after it (the question's audio, before the added second, ends 0.6 s after its speech).
        // (Bounded by the audio, not by the last partial: a decoder that hears the question right stops changing its
        // hypothesis before the speech ends.)
        var questionMs = (frames.Count * FrameSamples * 1000 / SampleRate) - 1000;
        Assert.InRange(final.AudioMs, partials[0].AudioMs, questionMs - Vad.SilenceDurationMs);
        var firstWord = final.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        Assert.Contains(partials, p => p.Text.Split(' ').Contains(firstWord));

        await AssertEveryDecoderIsBack(pool);
    }

    [Fact]
    public async Task ShadowRecognizer_should_return_the_decoder_when_the_stream_is_cancelled_mid_speech()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);
        var events = new ConcurrentQueue<LocalRecognitionEvent>();
        var frames = QuestionFrames(withTrailingSilence: false);

        await Source.From(frames)
            .Via(RecognitionFlows.ShadowRecognizer(SampleRate, Vad, pool, events.Enqueue))
            .Take(60)
            .RunWith(Sink.Ignore<short[]>(), Sys.Materializer());

        // 60 frames = 1.2 s: speech has started (a decoder was rented) but not stopped.
        Assert.Equal(1, pool.CreatedCount);
        Assert.DoesNotContain(events, e => e.Kind == LocalRecognitionEventKind.Final);
        await AssertEveryDecoderIsBack(pool);
    }

    [Fact]
    public async Task ShadowRecognizer_should_skip_utterances_without_waiting_when_no_decoder_is_free()
    {
        var pool = new ExhaustedPool();
        var events = new ConcurrentQueue<LocalRecognitionEvent>();
        var frames = QuestionFrames(withTrailingSilence: true);

        var passed = await Source.From(frames)
            .Via(RecognitionFlows.ShadowRecognizer(SampleRate, Vad, pool, events.Enqueue))
            .RunWith(Sink.Seq<short[]>(), Sys.Materializer());

        Assert.Equal(frames.Count, passed.Count);
        Assert.Empty(events);
        Assert.True(pool.TryRentCalls >= 1, "the stage asked the pool");
    }

    [Fact]
    public void ShadowRecognizer_should_reject_missing_arguments()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => RecognitionFlows.ShadowRecognizer(0, Vad, pool, _ => { }));
        Assert.Throws<ArgumentNullException>(() => RecognitionFlows.ShadowRecognizer(SampleRate, null!, pool, _ => { }));
        Assert.Throws<ArgumentNullException>(() => RecognitionFlows.ShadowRecognizer(SampleRate, Vad, null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => RecognitionFlows.ShadowRecognizer(SampleRate, Vad, pool, null!));
    }

    /// <summary>A pool with every decoder rented: TryRent says no; a blocking Rent would be a bug, so it throws.</summary>
    private sealed class ExhaustedPool : IRecognizerPool
    {
        public int TryRentCalls { get; private set; }

        public IStreamingRecognizer Rent() => throw new InvalidOperationException("the stream must never wait for a decoder");

        public bool TryRent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IStreamingRecognizer? recognizer)
        {
            TryRentCalls++;
            recognizer = null;
            return false;
        }

        public void Return(IStreamingRecognizer recognizer) => throw new InvalidOperationException("nothing was rented");

        public void Dispose()
        {
        }
    }

    private static List<short[]> QuestionFrames(bool withTrailingSilence)
    {
        var audio = WavFile.LoadMono16(Path.Combine(RepositoryPaths.Root, "samples", "questions", "q01.wav"), SampleRate);
        if (withTrailingSilence)
        {
            audio = [.. audio, .. new short[SampleRate]];
        }

        return audio.Chunk(FrameSamples).ToList();
    }

    /// <summary>Rents every slot of the pool: a leaked decoder would leave one slot taken and the wait would be cancelled.</summary>
    private static async Task AssertEveryDecoderIsBack(PocketsphinxRecognizerPool pool)
    {
        // A generous bound only to turn a leak into a failure instead of a hang; it measures nothing.
        using var leakGuard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var rented = new List<IStreamingRecognizer>();
        for (var i = 0; i < pool.MaxSize; i++)
        {
            rented.Add(await pool.RentAsync(leakGuard.Token));
        }

        Assert.Equal(pool.MaxSize, rented.Count);
        Assert.True(pool.CreatedCount <= pool.MaxSize);
        rented.ForEach(pool.Return);
    }
}
