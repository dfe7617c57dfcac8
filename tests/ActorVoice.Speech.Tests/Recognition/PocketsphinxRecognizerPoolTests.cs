using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.Tests.Recognition;

public sealed class PocketsphinxRecognizerPoolTests
{
    [Fact]
    public async Task Pool_should_create_lazily_reuse_returned_decoders_and_wait_when_exhausted()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);
        Assert.Equal(0, pool.CreatedCount);

        var first = await pool.RentAsync(CancellationToken.None);
        var waiting = pool.RentAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        first.StartUtterance();
        pool.Return(first);
        var second = await waiting;

        Assert.Same(first, second);
        Assert.Equal(1, pool.CreatedCount);
        // Returning mid-utterance ended it, so the next renter can start a fresh one.
        second.StartUtterance();
        Assert.Equal("", second.EndUtterance().Trim());
        pool.Return(second);
    }

    [Fact]
    public async Task Pool_should_give_up_waiting_when_cancelled()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);
        var held = pool.Rent();
        using var cancellation = new CancellationTokenSource();

        var waiting = pool.RentAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        pool.Return(held);
    }

    [Fact]
    public void Pool_should_reject_recognizers_it_did_not_hand_out()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);
        using var stranger = new PocketsphinxRecognizer(PocketsphinxOptions.Default);

        Assert.Throws<ArgumentException>(() => pool.Return(stranger));
    }
}
