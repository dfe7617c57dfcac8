using System.Collections.Concurrent;
using System.Diagnostics;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Talk;

/// <summary>
/// The real <c>actorvoice talk</c> process, started from the repository root with its output read line by line, so a
/// test can wait for "listening", speak, and end it with SIGINT as Ctrl+C would.
/// </summary>
public sealed class TalkProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0);
    private readonly Task<string> _stderr;

    private TalkProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
                _newLine.Release();
            }
        };
        _process.BeginOutputReadLine();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Stdout => string.Join('\n', _lines);

    public static TalkProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
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

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new TalkProcess(Process.Start(start)!);
    }

    /// <summary>Runs to the end: exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var talk = Start(environment, args);
        var code = await talk.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (code, talk.Stdout, await talk._stderr);
    }

    /// <summary>The first line (old or new) that matches; fails with the output so far when none comes in time.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (match(lines[seen]))
                {
                    return lines[seen];
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (_process.HasExited && seen == Lines.Count)
            {
                throw new InvalidOperationException($"talk exited ({_process.ExitCode}) first.\nstdout:\n{Stdout}\nstderr:\n{await _stderr}");
            }

            if (left <= TimeSpan.Zero || !await _newLine.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)) && DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching line within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{(_process.HasExited ? await _stderr : "(running)")}");
            }
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt() => Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public Task<string> StderrAsync() => _stderr;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _newLine.Dispose();
    }
}
