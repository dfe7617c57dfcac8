using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Chaos;

/// <summary>
/// What the matrix rows share: one index folder (the first row builds it, the others only check it is up to date)
/// and a temporary folder for each row's files.
/// </summary>
public sealed class ChaosMatrixFixture
{
    public string Folder { get; } = RepoPaths.TempFolder("chaos-matrix");

    public string IndexFolder => Path.Combine(Folder, "index");
}
