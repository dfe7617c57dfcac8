namespace ActorVoice.Protocol.Tests.Support;

/// <summary>Locates the repository (the folder holding ActorVoice.sln) and the shared references beside it.</summary>
public static class RepoPaths
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

    /// <summary>The read-only shared folder, a sibling of the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string RealtimeSchemas => Path.Combine(Shared, "data", "openai", "openai-realtime-schemas.json");

    public static string Question(string file) => Path.Combine(Root, "samples", "questions", file);

    public static string TempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "actorvoice-tests", prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
