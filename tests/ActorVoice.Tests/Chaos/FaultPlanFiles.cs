using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Chaos;

/// <summary>The fault plans of hocon/faults, as theory data (one row per file name).</summary>
public static class FaultPlanFiles
{
    public static string Folder => Path.Combine(RepoPaths.Root, "hocon", "faults");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The plan files' names, in order.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. Directory.GetFiles(Folder, "*.conf").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Names())
        {
            data.Add(file);
        }

        return data;
    }
}
