using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorVoice.Browser.Tests.Support;

/// <summary>
/// The real assistant host: <c>actorvoice serve</c> as a child process on a loopback port, with a client token in
/// its environment. Keeps the last lines of its output (the token redacted) to explain a failure.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _token;

    private ServeProcess(Process process, Uri baseUri, string token)
    {
        _process = process;
        BaseUri = baseUri;
        _token = token;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUri { get; }

    /// <summary>The last lines the host printed (stdout and stderr interleaved).</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output);

    public static async Task<ServeProcess> StartAsync(string docs, string token, TimeSpan readyDeadline, params string[] extraArgs)
    {
        var port = FreeLoopbackPort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actorvoice.dll"));
        foreach (var arg in (string[])["serve", "--urls", baseUri.ToString().TrimEnd('/'), "--docs", docs, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ACTORVOICE_TOKEN"] = token;
        var serve = new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), baseUri, token);
        try
        {
            await serve.WaitReadyAsync(readyDeadline);
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(TimeSpan deadline)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"actorvoice serve exited with code {_process.ExitCode} before it was ready. Its output:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow start: ask again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"actorvoice serve was not ready (GET /readyz) within {deadline.TotalSeconds:0} s. Its output:{Environment.NewLine}{OutputTail}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line.Replace(_token, "***", StringComparison.Ordinal));
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed; the OS reaps it.
            }
        }

        _process.Dispose();
    }
}
