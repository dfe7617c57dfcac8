using System.Diagnostics;

namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>The process's managed memory after a full collection, its open handles and its threads at one moment.</summary>
public sealed record ResourceSample(long ManagedBytes, int Handles, int Threads)
{
    /// <summary>Collects garbage fully (finalizers included) and samples the process.</summary>
    public static ResourceSample Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new ResourceSample(GC.GetTotalMemory(forceFullCollection: false), CountHandles(process), process.Threads.Count);
    }

    /// <summary>Open file descriptors on Linux (/proc/self/fd); elsewhere the handle count the runtime reports.</summary>
    private static int CountHandles(Process process)
    {
        const string fds = "/proc/self/fd";
        return Directory.Exists(fds) ? Directory.GetFileSystemEntries(fds).Length : process.HandleCount;
    }

    public override string ToString() => $"{ManagedBytes / 1024.0 / 1024.0:0.0} MiB managed, {Handles} handles, {Threads} threads";
}
