using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using ActorVoice.Browser.Tests.Support;
using Microsoft.Playwright;

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
        using var playwright = await Playwright.CreateAsync();
        await using var context = await playwright.Chromium.LaunchPersistentContextAsync(
            Path.Combine(work, "profile"),
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumFactAttribute.ChromiumPath,
                Headless = true,
                Timeout = (float)PageStepDeadline.TotalMilliseconds,
                Permissions = ["microphone"],
                ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
                Args = ChromiumArgs(microphone),
            });

        var console = new ConcurrentQueue<string>();
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Enqueue($"page error: {error}");
        page.SetDefaultTimeout((float)PageStepDeadline.TotalMilliseconds);

        await page.GotoAsync(new Uri(serve.BaseUri, $"?token={token}&processing=off").ToString());
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal); // the page takes the token out of the address
        await page.ClickAsync("#start");

        var steps = new PageSteps(page, serve, console);
        await steps.WaitAsync("the session to be ready", "() => document.getElementById('session-id').textContent !== '–'");
        await steps.WaitAsync("a final transcript",
            "() => document.getElementById('transcript-final').textContent.trim().length > 0");
        await steps.WaitAsync("the answer's sources", "() => document.querySelectorAll('#sources li[data-document]').length > 0");
        await steps.WaitAsync("answer audio played by the worklet",
            "() => Number(document.getElementById('played-samples').dataset.value) > 0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "page-answering.png"), FullPage = true });
        await steps.WaitAsync("the turn to complete", "() => Number(document.body.dataset.turnsCompleted) >= 1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "page-turn.png"), FullPage = true });

        var transcript = await page.InnerTextAsync("#transcript-final");
        var documents = await page.EvalOnSelectorAllAsync<string[]>("#sources li[data-document]", "items => items.map(i => i.dataset.document)");
        var played = long.Parse(await page.GetAttributeAsync("#played-samples", "data-value") ?? "0", CultureInfo.InvariantCulture);
        var marks = int.Parse(await page.GetAttributeAsync("#timeline", "data-marks") ?? "0", CultureInfo.InvariantCulture);

        Assert.Contains("vacation", transcript, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("handbook/vacation.md", documents);
        Assert.True(played > 0, "the playback worklet played no sample of the answer");
        Assert.True(marks > 0, "the latency chart drew no timeline mark");
    }

    private static string[] ChromiumArgs(string microphoneWav) =>
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        $"--use-file-for-fake-audio-capture={microphoneWav}%noloop",
        "--autoplay-policy=no-user-gesture-required",
    ];

    /// <summary>Bounded waits on the page; a wait that times out fails with what the page, browser and host showed.</summary>
    private sealed class PageSteps(IPage page, ServeProcess serve, ConcurrentQueue<string> console)
    {
        public async Task WaitAsync(string what, string condition)
        {
            try
            {
                await page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { PollingInterval = 100 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"The page did not show {what} within {PageStepDeadline.TotalSeconds:0} s.{Environment.NewLine}{await DiagnosticsAsync()}");
            }
        }

        private async Task<string> DiagnosticsAsync()
        {
            string status, log;
            try
            {
                status = await page.InnerTextAsync("#status", new PageInnerTextOptions { Timeout = 2000 });
                log = await page.InnerTextAsync("#log", new PageInnerTextOptions { Timeout = 2000 });
            }
            catch (PlaywrightException e)
            {
                status = log = "(page unreadable: " + e.Message + ")";
            }

            return $"Status line: {status}{Environment.NewLine}Page log:{Environment.NewLine}{log}{Environment.NewLine}" +
                   $"Browser console:{Environment.NewLine}{string.Join(Environment.NewLine, console)}{Environment.NewLine}" +
                   $"Host output (last lines):{Environment.NewLine}{serve.OutputTail}";
        }
    }
}
