namespace ActorVoice.Browser.Tests.Support;

/// <summary>Locates the repository (the folder holding ActorVoice.sln) so the tests can read samples/.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorVoice.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ActorVoice.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string SampleDocs => Path.Combine(Root, "samples", "docs");

    public static string Question(string file) => Path.Combine(Root, "samples", "questions", file);

    /// <summary>A folder under the test's output folder for what a run leaves to look at (screenshots).</summary>
    public static string Artifacts(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public static string TempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "actorvoice-tests", prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
