using ActorVoice.Faults;
using System.Net.WebSockets;
using ActorVoice.LocalServer.Answering;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Configuration;
using ActorVoice.LocalServer.Sessions.Faults;
using ActorVoice.LocalServer.Sessions.Input;
using ActorVoice.LocalServer.Sessions.Responses;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Serialization;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// One Realtime API session on one WebSocket. Composes its parts: the socket (<see cref="SessionSocket"/>), the
/// session object (<see cref="SessionConfiguration"/>), input audio (<see cref="InputAudioPipeline"/>, turns committed
/// by <see cref="UserTurnCommitter"/>), the conversation and active response (<see cref="SessionState"/>) and responses
/// (<see cref="ResponseSynthesizer"/>).
/// <para>
/// The session is one logical thread: a loop reading its <see cref="SessionInbox"/> owns all of its state and handles one
/// message at a time, so nothing in it takes a lock. Everything slow runs elsewhere and posts immutable messages back:
/// the socket's reader posts each client frame, an <see cref="UtteranceWorker"/> decodes each user turn, a task per
/// response answers and synthesizes it. Neither decoding nor synthesis can hold back reading client frames or handling
/// <c>response.cancel</c>. A single writer task owns the socket's send side. Bad input yields an <c>error</c> event and the
/// session goes on.
/// </para>
/// </summary>
public sealed class RealtimeServerSession : IDisposable
{
    private readonly WebSocket _socket;
    private readonly LocalServerSettings _settings;
    private readonly ILogger _logger;
    private readonly SessionState _state;
    private readonly SessionInbox _inbox = new();
    private readonly ServerEventOutbox _outbox;
    private readonly ResponseSynthesizer _responses;
    private readonly UserTurnCommitter _turns;
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
        _responses = new ResponseSynthesizer(
            _state, _outbox, speech.Synthesizer, settings.Synthesis, speech.Answerer ?? NoOfflineAnswerer.Instance, _inbox, logger);
        _turns = new UserTurnCommitter(_state, _outbox, _responses, speech, settings.Recognition, _inbox, logger);
        _input = new InputAudioPipeline(_state, _outbox, _responses, _turns, settings);
        _dispatcher = new ClientEventDispatcher(_state, _outbox, _input, _responses);
    }

    public string SessionId => _state.Configuration.SessionId;

    /// <summary>GA, or beta for old clients (beta event names out, beta session shapes in).</summary>
    public RealtimeDialect Dialect { get; init; } = RealtimeDialect.GA;

    /// <summary>The faults this session injects (<c>actorvoice.faults.server</c>); none by default.</summary>
    public FaultInjection Faults { get; init; } = FaultInjection.None;

    /// <summary>Sees every text frame, both directions (see <see cref="LocalRealtimeServer.FrameObserver"/>).</summary>
    public Action<RealtimeFrame>? FrameObserver { get; init; }

    /// <summary>Runs the session until the client closes, the session expires or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        receiving.CancelAfter(_settings.MaxSessionDuration);
        // Null unless the plan has server faults: then stalls and cuts are drawn by the loop as responses start, garbage
        // frames by the writer, and nothing ever waits on the loop.
        var faults = SessionFaults.For(Faults);
        _responses.Faults = faults;
        var socket = new SessionSocket(_socket, _outbox, Dialect, FrameObserver, SessionId, _settings.MaxFrameBytes, _logger) { Faults = faults };
        var writer = Task.Run(socket.WriteAsync, CancellationToken.None);
        _outbox.Emit(new SessionCreated(_state.Configuration.Current));
        var reader = Task.Run(() => ReceiveAsync(socket, receiving.Token, cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (message is ReceiveEnded ended)
                {
                    if (ended.Farewell is { } farewell)
                    {
                        _outbox.Emit(farewell);
                    }

                    break;
                }

                Handle(message);
            }
        }
        finally
        {
            _inbox.Close();
            _responses.Dispose();
            _input.Dispose();
            _turns.Dispose();
            _outbox.Complete();
            // Only when the loop itself failed is the reader still running.
            await receiving.CancelAsync();
            await reader;
            await writer;
            await socket.CloseAsync();
        }
    }

    public void Dispose()
    {
        _input.Dispose();
        _turns.Dispose();
    }

    private void Handle(SessionMessage message)
    {
        switch (message)
        {
            case ClientFrameReceived frame:
                _inbox.ClientFrameHandled();
                _dispatcher.Handle(frame.Text);
                break;
            case ClientFrameRefused refused:
                _inbox.ClientFrameHandled();
                _outbox.EmitError(refused.Code, refused.Message, eventId: refused.EventId);
                break;
            case UtteranceWorker.Message recognition:
                HandleOwnWork(() => _turns.Handle(recognition));
                break;
            case ResponseSynthesizer.Message synthesis:
                HandleOwnWork(() => _responses.Handle(synthesis));
                break;
        }
    }

    // A finished transcript may start a response that the protocol refuses (one is still active): with no client event
    // to blame, the error names none.
    private void HandleOwnWork(Action handle)
    {
        try
        {
            handle();
        }
        catch (RealtimeProtocolException ex)
        {
            _outbox.EmitError(ex.Code, ex.Message, ex.Param, ex.EventId);
        }
    }

    // The socket's reader: waits for the loop only when it is many frames behind, never for one slow message.
    private async Task ReceiveAsync(SessionSocket socket, CancellationToken receiving, CancellationToken shutdown)
    {
        ErrorEvent? farewell = null;
        try
        {
            await socket.ReceiveAsync(
                text => _inbox.PostClientFrameAsync(new ClientFrameReceived(text), receiving),
                (code, text, eventId) => _inbox.PostClientFrameAsync(new ClientFrameRefused(code, text, eventId), receiving),
                receiving);
        }
        catch (OperationCanceledException) when (!shutdown.IsCancellationRequested)
        {
            farewell = new ErrorEvent(new RealtimeError("invalid_request_error",
                $"Your session hit the maximum duration of {_settings.MaxSessionDuration.TotalMinutes:0} minutes.") { Code = "session_expired" });
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
            _inbox.Post(new ReceiveEnded(farewell));
        }
    }

    /// <summary>A text frame from the client (already translated to GA for beta clients).</summary>
    private sealed record ClientFrameReceived(string Text) : SessionMessage;

    /// <summary>A frame the socket dropped (too large, binary): answered with an error naming its event id, if known.</summary>
    private sealed record ClientFrameRefused(string Code, string Message, string? EventId) : SessionMessage;

    /// <summary>The client closed, the socket failed or the session expired (<see cref="Farewell"/>: the error to send).</summary>
    private sealed record ReceiveEnded(ErrorEvent? Farewell) : SessionMessage;
}
