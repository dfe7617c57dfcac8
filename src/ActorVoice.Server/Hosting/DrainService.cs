using System.Diagnostics;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Security;
using ActorVoice.Server.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Server.Hosting;

/// <summary>
/// The graceful drain. When the host begins to stop (SIGTERM, Ctrl+C, <c>StopAsync</c>) and before any service stops
/// (<see cref="IHostedLifecycleService.StoppingAsync"/>, so Kestrel still accepts and can refuse): new sessions are
/// refused with 4503 and /readyz answers 503; turns in progress may finish until <c>drain-timeout</c>; a turn still
/// running <c>drain-notice</c> before the deadline is ended with the spoken fallback notice; at the deadline (or as
/// soon as no turn runs) every client is closed with 1001. Then Kestrel and the assistant host stop (the actor
/// system's CoordinatedShutdown runs there).
/// </summary>
internal sealed class DrainService(ClientRegistry clients, ClientAdmission admission, ServeSettings settings, ILogger<DrainService> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        admission.Draining = true;
        var watch = Stopwatch.StartNew();
        logger.LogInformation("Draining: {Clients} client(s), {InTurn} in a turn; deadline {DeadlineMs} ms",
            clients.Count, clients.Snapshot().Count(c => c.InTurn), settings.DrainTimeout.TotalMilliseconds);
        var noticeAt = settings.DrainTimeout - settings.DrainNotice;
        var noticed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (watch.Elapsed < settings.DrainTimeout && clients.Snapshot().Any(c => c.InTurn))
            {
                if (watch.Elapsed >= noticeAt)
                {
                    foreach (var client in clients.Snapshot().Where(c => c.InTurn && noticed.Add(c.Id)))
                    {
                        client.EndTurnWithNotice("the server is shutting down");
                    }
                }

                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown timeout cut the drain short: close now.
        }

        var still = clients.Snapshot();
        foreach (var client in still)
        {
            client.Close(ClientConnection.GoingAway, "the server is shutting down");
        }

        logger.LogInformation("Drained in {DrainMs} ms: {Clients} client(s) closed with 1001, {Noticed} turn(s) ended with the notice",
            (long)watch.Elapsed.TotalMilliseconds, still.Count, noticed.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
