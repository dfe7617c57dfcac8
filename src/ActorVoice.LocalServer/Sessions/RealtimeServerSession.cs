using System.Net.WebSockets;
using ActorVoice.LocalServer.Answering;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Configuration;
using ActorVoice.LocalServer.Sessions.Input;
using ActorVoice.LocalServer.Sessions.Responses;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.Realtime.Protocol.Events;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// One Realtime API session on one WebSocket. Composes its parts: the socket (<see cref="SessionSocket"/>), the
/// session object (<see cref="SessionConfiguration"/>), input audio (<see cref="InputAudioPipeline"/>), the
/// conversation and active response (<see cref="SessionState"/>) and responses (<see cref="ResponseSynthesizer"/>).
/// Client events are handled one at a time on the receive loop; a response streams on its own task so that it can be
/// cancelled; a single writer task owns the socket's send side. Bad input yields an <c>error</c> event and the session
/// goes on.
/// </summary>
public sealed class RealtimeServerSession : IDisposable
{
    private readonly WebSocket _socket;
    private readonly LocalServerSettings _settings;
    private readonly ILogger _logger;
    private readonly SessionState _state;
    private readonly ServerEventOutbox _outbox;
    private readonly ResponseSynthesizer _responses;
    private readonly InputAudioPipeline _input;
    private readonly ClientEventDispatcher _dispatcher;

    public RealtimeServerSession(WebSocket socket, LocalServerSettings settings, SpeechServices speech, ILogger logger, string? model)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(speech);
        _socket = socket;
        _settings = settings;
        _logger = logger;
        _state = new SessionState(new SessionConfiguration(settings, model));
        _outbox = new ServerEventOutbox(SessionId, logger);
        _responses = new ResponseSynthesizer(_state, _outbox, speech.Synthesizer, settings.Synthesis, speech.Answerer ?? NoOfflineAnswerer.Instance, logger);
        var turns = new UserTurnCommitter(_state, _outbox, _responses, speech, settings.Recognition.StableUpdates, logger);
        _input = new InputAudioPipeline(_state, _outbox, _responses, turns, speech, settings, logger);
        _dispatcher = new ClientEventDispatcher(_state, _outbox, _input, _responses);
    }

    public string SessionId => _state.Configuration.SessionId;

    /// <summary>GA, or beta for old clients (beta event names out, beta session shapes in).</summary>
    public RealtimeDialect Dialect { get; init; } = RealtimeDialect.GA;

    /// <summary>Sees every text frame, both directions (see <see cref="LocalRealtimeServer.FrameObserver"/>).</summary>
    public Action<RealtimeFrame>? FrameObserver { get; init; }

    /// <summary>Runs the session until the client closes, the session expires or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        expiry.CancelAfter(_settings.MaxSessionDuration);
        var socket = new SessionSocket(_socket, _outbox, Dialect, FrameObserver, SessionId, _settings.MaxFrameBytes, _logger);
        var writer = Task.Run(socket.WriteAsync, CancellationToken.None);
        _outbox.Emit(new SessionCreated(_state.Configuration.Current));
        try
        {
            await socket.ReceiveAsync(_dispatcher.Handle, expiry.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _outbox.Emit(new ErrorEvent(new RealtimeError("invalid_request_error",
                $"Your session hit the maximum duration of {_settings.MaxSessionDuration.TotalMinutes:0} minutes.") { Code = "session_expired" }));
        }
        catch (OperationCanceledException)
        {
            // Server shutdown.
        }
        catch (WebSocketException ex)
        {
            _logger.LogInformation("Session {SessionId}: socket ended ({Reason})", SessionId, ex.WebSocketErrorCode);
        }
        finally
        {
            _responses.Cancel("client_cancelled");
            _input.Dispose();
            _outbox.Complete();
            await writer;
            await socket.CloseAsync();
        }
    }

    public void Dispose() => _input.Dispose();
}
