namespace ActorVoice.Retrieval.Tests.Evaluation;

/// <summary>Finds ../shared/data beside the repository root (the folder holding ActorVoice.sln).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> RootFolder = new(Locate);

    public static string Root => RootFolder.Value;

    public static string Folder(string name)
    {
        return Path.Combine(Root, name);
    }

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActorVoice.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new DirectoryNotFoundException($"No ActorVoice.sln above {AppContext.BaseDirectory}; tests expect the repository with shared/ beside it.");
        }

        var data = Path.Combine(directory.Parent.FullName, "shared", "data");
        if (!Directory.Exists(data))
        {
            throw new DirectoryNotFoundException($"Shared data not found at {data} (expected ../shared/data next to the repository root).");
        }

        return data;
    }
}
