using System.Security.Cryptography;
using ActorVoice.Browser.Tests.Support;

namespace ActorVoice.Browser.Tests;

/// <summary>
/// The built-in page in a real headless Chromium against the real <c>actorvoice serve</c>: Chromium's fake microphone
/// plays a spoken sample question, the page streams it over /ws, and must show the transcript, the answer's source
/// and play the answer's audio. Screenshots of the turn are kept under the test's output folder (artifacts/browser).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AssistantPageSpec
{
    // Generous: the host builds the sample index and loads the recognizer at start, and this machine is shared.
    private static readonly TimeSpan ServeReadyDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PageStepDeadline = TimeSpan.FromSeconds(90);

    [ChromiumFact]
    public async Task Page_should_show_the_transcript_and_source_and_play_the_answer_of_a_spoken_question()
    {
        var work = RepoPaths.TempFolder("browser");
        var artifacts = RepoPaths.Artifacts("browser");
        var microphone = FakeMicrophone.Prepare("q01.wav", work, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        await using var serve = await ServeProcess.StartAsync(RepoPaths.SampleDocs, token, ServeReadyDeadline);
        await using var browser = await BrowserSession.LaunchAsync(Path.Combine(work, "profile"), microphone, PageStepDeadline);
        browser.ServerDiagnostics = () => "Host output (last lines):" + Environment.NewLine + serve.OutputTail;
        var page = browser.Page;

        await page.GotoAsync(new Uri(serve.BaseUri, $"?token={token}&processing=off").ToString());
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal); // the page takes the token out of the address
        await page.ClickAsync("#start");

        await browser.WaitAsync("the session to be ready", "() => document.getElementById('session-id').textContent !== '–'");
        await browser.WaitAsync("a final transcript", "() => document.getElementById('transcript-final').textContent.trim().length > 0");
        await browser.WaitAsync("answer audio played by the worklet", "() => Number(document.getElementById('played-samples').dataset.value) > 0");
        await browser.ScreenshotAsync(Path.Combine(artifacts, "page-answering.png"));
        await browser.WaitAsync("the answer's sources", "() => document.querySelectorAll('#sources li[data-document]').length > 0");
        await browser.WaitAsync("the turn to complete", "() => Number(document.body.dataset.turnsCompleted) >= 1");
        await browser.ScreenshotAsync(Path.Combine(artifacts, "page-turn.png"));

        var transcript = await page.InnerTextAsync("#transcript-final");
        var documents = await page.EvalOnSelectorAllAsync<string[]>("#sources li[data-document]", "items => items.map(i => i.dataset.document)");
        Assert.Contains("vacation", transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("handbook/vacation.md", documents);
        Assert.True(await browser.NumberAsync("#played-samples") > 0, "the playback worklet played no sample of the answer");
        Assert.True(await browser.NumberAsync("#timeline", "data-marks") > 0, "the latency chart drew no timeline mark");
    }
}
