using System.Text.Json.Nodes;
using ActorVoice.Audio;
using ActorVoice.LocalServer.Sessions.Input;
using ActorVoice.LocalServer.Sessions.Responses;
using ActorVoice.LocalServer.Sessions.Transport;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// Parses each client frame and hands the event to the part of the session that owns it. Bad input of any kind becomes
/// an <c>error</c> event naming the client's event id, and the session goes on. Runs on the session's loop.
/// </summary>
internal sealed class ClientEventDispatcher(SessionState state, ServerEventOutbox outbox, InputAudioPipeline input, ResponseSynthesizer responses)
{
    /// <summary>Handles one text frame (already translated to GA for beta clients).</summary>
    public void Handle(string text)
    {
        RealtimeEvent parsed;
        try
        {
            state.Configuration.ValidateFrame(text);
            parsed = RealtimeJson.ParseClientEvent(text);
        }
        catch (RealtimeProtocolException ex)
        {
            outbox.EmitError(ex.Code, ex.Message, ex.Param, ex.EventId);
            return;
        }

        try
        {
            Dispatch(parsed, text);
        }
        catch (RealtimeProtocolException ex)
        {
            outbox.EmitError(ex.Code, ex.Message, ex.Param, ex.EventId ?? parsed.EventId);
        }
        catch (AudioFormatException ex)
        {
            outbox.EmitError("invalid_value", ex.Message, "audio", parsed.EventId);
        }
    }

    private void Dispatch(RealtimeEvent realtimeEvent, string text)
    {
        switch (realtimeEvent)
        {
            case SessionUpdate:
                var session = state.Configuration.Update(JsonNode.Parse(text)?["session"] as JsonObject);
                input.Reconfigure();
                outbox.Emit(new SessionUpdated(session));
                break;
            case InputAudioBufferAppend append:
                input.Append(append.Audio);
                break;
            case InputAudioBufferCommit:
                input.Commit();
                break;
            case InputAudioBufferClear:
                input.Clear();
                break;
            case ConversationItemCreate create:
                CreateItem(create);
                break;
            case ConversationItemDelete delete:
                state.Conversation.Delete(delete.ItemId);
                outbox.Emit(new ConversationItemDeleted(delete.ItemId));
                break;
            case ConversationItemRetrieve retrieve:
                RetrieveItem(retrieve);
                break;
            case ConversationItemTruncate truncate:
                state.Conversation.Truncate(truncate.ItemId, truncate.AudioEndMs);
                outbox.Emit(new ConversationItemTruncated(truncate.ItemId, truncate.ContentIndex, truncate.AudioEndMs));
                break;
            case ResponseCreate create:
                responses.Start(create.Response);
                break;
            case ResponseCancel cancel:
                if (!responses.Cancel("client_cancelled"))
                {
                    outbox.EmitError("response_cancel_not_active", "Cancellation failed: no active response found", eventId: cancel.EventId);
                }

                break;
            case RawEvent raw:
                outbox.EmitError("invalid_value", $"Invalid value: '{raw.RawType}'. This server does not support this event type.", "type", raw.EventId);
                break;
            default:
                outbox.EmitError("invalid_value", $"'{realtimeEvent.Type}' is a server event; clients cannot send it.", "type", realtimeEvent.EventId);
                break;
        }
    }

    private void RetrieveItem(ConversationItemRetrieve retrieve)
    {
        outbox.Emit(new ConversationItemRetrieved(state.Conversation.Retrieve(retrieve.ItemId)));
    }

    private void CreateItem(ConversationItemCreate create)
    {
        var added = state.Conversation.Create(create.Item, create.PreviousItemId);
        outbox.Emit(new ConversationItemAdded(added.Item) { PreviousItemId = added.PreviousItemId });
        outbox.Emit(new ConversationItemDone(added.Item) { PreviousItemId = added.PreviousItemId });
    }
}
