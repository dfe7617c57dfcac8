using System.Diagnostics;
using System.Text;

namespace ActorVoice.Protocol.Tests.Compat;

/// <summary>Finds and runs command-line tools (node, npm) for the compatibility tests.</summary>
public static class ExternalTool
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a tool to completion; returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string tool, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Find(tool) ?? tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {tool}.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        var readOut = process.StandardOutput.ReadToEndAsync().ContinueWith(t => output.Append(t.Result), TaskScheduler.Default);
        var readErr = process.StandardError.ReadToEndAsync().ContinueWith(t => error.Append(t.Result), TaskScheduler.Default);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        await Task.WhenAll(readOut, readErr);
        return (process.ExitCode, output.ToString(), error.ToString());
    }
}
