namespace ActorVoice.Lab.Scripts;

/// <summary>
/// Resolves a path written in an experiment file: absolute as is; relative against the working directory, else against
/// each folder above the experiment file (so hocon/experiments/x.conf finds samples/ from the repository root).
/// </summary>
public static class LabPaths
{
    public static string Resolve(string path, string? experimentFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path) || Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var folder = string.IsNullOrWhiteSpace(experimentFile) ? null : Path.GetDirectoryName(Path.GetFullPath(experimentFile));
        while (folder is not null)
        {
            var candidate = Path.Combine(folder, path);
            if (Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            folder = Path.GetDirectoryName(folder);
        }

        return Path.GetFullPath(path);
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
