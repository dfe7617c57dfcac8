using System.Net.WebSockets;
using ActorVoice.Tests.Live;
using ActorVoice.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Serve;

/// <summary>
/// The graceful drain: once the host begins to stop, new clients are refused with 4503 while a client in a turn keeps
/// its session until the turn ends (or the deadline), and is then closed with 1001.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ServeDrainSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_draining_host_should_refuse_new_clients_with_4503_and_close_its_clients_with_1001()
    {
        var host = await ServeTestHost.StartAsync(RepoPaths.TempFolder("serve-drain"), "actorvoice.serve.drain-timeout = 20s", "actorvoice.serve.drain-notice = 5s");
        Task? stopping = null;
        try
        {
            await using var busy = await ProtocolClient.ConnectAsync(host.WebSocketUri);
            Assert.Equal("session.ready", (await busy.NextAsync(_ => true, Step))?.Type);
            await using var microphone = new LiveMicrophone(busy.SendAudioAsync);
            await microphone.SayAsync(RepoPaths.Question("q01.wav"));
            Assert.NotNull(await busy.NextAsync(m => m.Type == "turn.state" && m.Text("state") is "thinking" or "answering", TimeSpan.FromSeconds(30)));

            stopping = host.App.StopAsync();
            await using var late = await ProtocolClient.ConnectAsync(host.WebSocketUri);
            await late.WaitClosedAsync(Step);
            Assert.Equal(4503, (int?)late.CloseStatus);
            output.WriteLine($"late client: {(int?)late.CloseStatus} {late.CloseDescription}");

            // The busy client's turn still ends (answered, or with the spoken notice), then the socket closes with 1001.
            var completed = await busy.NextAsync(m => m.Type == "turn.completed", TimeSpan.FromSeconds(30));
            Assert.NotNull(completed);
            await busy.WaitClosedAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, busy.CloseStatus);
            output.WriteLine($"busy client's turn: {completed.Text("outcome")}; closed {(int?)busy.CloseStatus} {busy.CloseDescription}");
            await stopping;
        }
        finally
        {
            if (stopping is null)
            {
                await host.DisposeAsync();
            }
            else
            {
                await host.App.DisposeAsync();
            }
        }
    }
}
