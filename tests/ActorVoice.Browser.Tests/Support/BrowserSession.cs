using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace ActorVoice.Browser.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven by Playwright for .NET (the driver ships inside the package; no browser is
/// downloaded), with a fresh profile, a fake microphone and the microphone permission granted. Every wait is bounded
/// and a wait that times out fails with what the page, the browser console and the server showed.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _console = new();
    private readonly TimeSpan _stepDeadline;

    private BrowserSession(IPlaywright playwright, IBrowserContext context, IPage page, TimeSpan stepDeadline)
    {
        _playwright = playwright;
        _context = context;
        Page = page;
        _stepDeadline = stepDeadline;
        page.Console += (_, message) => _console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"page error: {error}");
        page.SetDefaultTimeout((float)stepDeadline.TotalMilliseconds);
    }

    public IPage Page { get; }

    /// <summary>More to say when a wait fails (e.g. the server's last output lines).</summary>
    public Func<string>? ServerDiagnostics { get; set; }

    /// <param name="profileFolder">A fresh folder for the browser profile.</param>
    /// <param name="microphoneWav">16-bit PCM WAV the fake microphone plays once; null: Chromium's own fake beeps.</param>
    /// <param name="stepDeadline">The longest any launch step or page wait may take.</param>
    public static async Task<BrowserSession> LaunchAsync(string profileFolder, string? microphoneWav, TimeSpan stepDeadline)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profileFolder, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumFactAttribute.ChromiumPath,
                Headless = true,
                Timeout = (float)stepDeadline.TotalMilliseconds,
                Permissions = ["microphone"],
                ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
                Args = Arguments(microphoneWav),
            });
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            return new BrowserSession(playwright, context, page, stepDeadline);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static string[] Arguments(string? microphoneWav)
    {
        List<string> args =
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
            "--autoplay-policy=no-user-gesture-required",
        ];
        if (microphoneWav is not null)
        {
            // %noloop: play the question once; a looping file would ask again and barge in on the answer.
            args.Add($"--use-file-for-fake-audio-capture={microphoneWav}%noloop");
        }

        return [.. args];
    }

    /// <summary>Waits until <paramref name="condition"/> (a JavaScript function) is truthy on the page, or fails.</summary>
    public async Task WaitAsync(string what, string condition)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The page did not show {what} within {_stepDeadline.TotalSeconds:0} s.{Environment.NewLine}{await DiagnosticsAsync()}");
        }
    }

    /// <summary>The number in an element's data-value (or other) attribute.</summary>
    public async Task<long> NumberAsync(string selector, string attribute = "data-value") =>
        long.Parse(await Page.GetAttributeAsync(selector, attribute) ?? "0", CultureInfo.InvariantCulture);

    public async Task ScreenshotAsync(string path) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    private async Task<string> DiagnosticsAsync()
    {
        string status, log;
        try
        {
            status = await Page.InnerTextAsync("#status", new PageInnerTextOptions { Timeout = 2000 });
            log = await Page.InnerTextAsync("#log", new PageInnerTextOptions { Timeout = 2000 });
        }
        catch (PlaywrightException e)
        {
            status = log = "(page unreadable: " + e.Message + ")";
        }

        var nl = Environment.NewLine;
        return $"Status line: {status}{nl}Page log:{nl}{log}{nl}Browser console:{nl}{string.Join(nl, _console)}" +
               (ServerDiagnostics is null ? string.Empty : $"{nl}{ServerDiagnostics()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _context.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
        }
    }
}
