namespace ActorVoice.Speech.Tests;

/// <summary>Finds the repository's sample material from the test output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Documents => Path.Combine(Root, "samples", "docs");

    public static string QuestionManifest => Path.Combine(Root, "samples", "questions", "manifest.json");

    /// <summary>Shared cache for built language models: content-hashed, so reuse across runs is safe.</summary>
    public static string LanguageModelCache => Path.Combine(Path.GetTempPath(), "actorvoice-speech-tests", "lm-cache");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ActorVoice.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Cannot find ActorVoice.sln above " + AppContext.BaseDirectory);
    }
}
