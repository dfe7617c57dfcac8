namespace ActorVoice.Retrieval.Tests;

/// <summary>A small documents folder on disk (Markdown, plain text, HTML) in a fresh temporary directory.</summary>
public sealed class SampleCorpus : IDisposable
{
    public const string VacationMarkdown = """
        # Vacation

        Every employee is entitled to paid time off. This page explains how vacation days are earned and used.

        ## Accrual

        Full-time employees earn 25 days of paid vacation per calendar year, accrued monthly.
        Part-time employees earn vacation in proportion to their contracted hours.

        ## Carry-over

        Up to five unused vacation days can be carried over into the next calendar year.
        Carried-over days expire on March 31 and are not paid out.

        ### Exceptions

        Managers may approve a longer carry-over after a parental leave.
        """;

    public const string PasswordsText = """
        Resetting your password

        To reset a forgotten password, open the self-service portal and choose "Forgot password".
        A reset link is sent to your registered phone by text message. The link is valid for 15 minutes.

        Passwords must be at least 14 characters long and are rotated every 12 months.
        Multi-factor authentication with the authenticator app is mandatory for remote access.
        """;

    public const string WifiHtml = """
        <!DOCTYPE html>
        <html>
        <head><title>Robot vacuum support</title><style>body { color: red; }</style></head>
        <body>
        <script>var tracking = "vacation days password";</script>
        <h1>Wi-Fi pairing</h1>
        <p>The robot vacuum pairs with a 2.4&nbsp;GHz Wi-Fi network only. Press and hold the <b>Home</b> button
        for five seconds until the light blinks blue &amp; the robot says &quot;ready to pair&quot;.</p>
        <!-- an HTML comment about vacation that must not be indexed -->
        <h2>Troubleshooting</h2>
        <ul>
        <li>If pairing fails, move the robot closer to the router.</li>
        <li>Routers with WPA3-only security are not supported &ndash; switch to WPA2/WPA3 mixed mode.</li>
        </ul>
        <p>Caf&eacute; hotspots with captive portals cannot be used.</p>
        </body>
        </html>
        """;

    public SampleCorpus()
    {
        Root = Path.Combine(Path.GetTempPath(), "actorvoice-retrieval-tests", Guid.NewGuid().ToString("N"));
        DocumentsFolder = Path.Combine(Root, "docs");
        IndexFolder = Path.Combine(Root, "index");
        Write("handbook/vacation.md", VacationMarkdown);
        Write("it/passwords.txt", PasswordsText);
        Write("support/wifi.html", WifiHtml);
        Write("notes/empty.md", "   \n");
        Write("notes/ignored.pdf", "not a supported format");
    }

    public string Root { get; }

    public string DocumentsFolder { get; }

    public string IndexFolder { get; }

    public string PathOf(string relative) => Path.Combine(DocumentsFolder, relative);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
