using System.Diagnostics;

namespace ActorVoice.Cli.Soak;

/// <summary>Reads the process's memory, handles and threads for a soak sample.</summary>
public static class ProcessResources
{
    private const string FdFolder = "/proc/self/fd";

    /// <summary>
    /// Collects fully (twice around the finalizers, so objects kept only by a finalizer go too) and reads the live
    /// managed bytes; without the collection the figure would follow the GC's schedule, not what is still referenced.
    /// </summary>
    public static long ManagedBytesAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Working set, the GC's committed memory, open handles and threads, read now.</summary>
    public static (long WorkingSetBytes, long GcCommittedBytes, int Handles, int Threads) Current()
    {
        using var process = Process.GetCurrentProcess();
        var handles = Directory.Exists(FdFolder) ? Directory.EnumerateFileSystemEntries(FdFolder).Count() : process.HandleCount;
        return (process.WorkingSet64, GC.GetGCMemoryInfo().TotalCommittedBytes, handles, process.Threads.Count);
    }
}
