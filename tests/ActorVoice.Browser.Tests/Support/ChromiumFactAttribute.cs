namespace ActorVoice.Browser.Tests.Support;

/// <summary>
/// A fact that needs Debian's chromium. It is skipped, saying so, only when /usr/bin/chromium is absent
/// (scripts/setup.sh installs it, so in CI it always runs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"{ChromiumPath} is not installed: run scripts/setup.sh (Debian package chromium) to run the browser test.";
        }
    }
}
