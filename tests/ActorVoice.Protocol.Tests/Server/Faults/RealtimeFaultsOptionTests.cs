using System.Diagnostics;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server.Faults;

/// <summary><c>actorvoice realtime --faults FILE</c>, the executable run as a real process: a bad plan is refused before the server starts.</summary>
[Trait("Category", "Slow")]
public sealed class RealtimeFaultsOptionTests
{
    [Fact]
    public async Task A_plan_with_an_unknown_key_should_exit_with_code_2_naming_the_key()
    {
        var plan = Path.Combine(RepoPaths.TempFolder("bad-plan"), "bad.conf");
        await File.WriteAllTextAsync(plan, "actorvoice.faults { enabled = on, server { stall-rat = 0.5 } }");

        var (code, _, stderr) = await RunAsync("realtime", "--port", "0", "--faults", plan);

        Assert.Equal(2, code);
        Assert.Contains("actorvoice.faults.server.stall-rat", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_plan_file_should_exit_with_code_2_naming_the_file()
    {
        var plan = Path.Combine(RepoPaths.TempFolder("no-plan"), "missing.conf");

        var (code, _, stderr) = await RunAsync("realtime", "--port", "0", "--faults", plan);

        Assert.Equal(2, code);
        Assert.Contains("missing.conf", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actorvoice.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("actorvoice realtime did not exit: the bad plan was not refused");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
