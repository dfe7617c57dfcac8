using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.LocalServer.Sessions.Conversation;

/// <summary>
/// The conversation of one session: its items in order (so that every added item can name the one before it, its
/// <c>previous_item_id</c>), the audio generated for each assistant item (what <c>truncate</c> may cut), and what the
/// next response should answer. Not thread-safe: it belongs to the session's loop (see <see cref="SessionState"/>).
/// Errors are <see cref="RealtimeProtocolException"/>s naming the offending <c>param</c>, without an event id.
/// </summary>
public sealed class ConversationStore
{
    private readonly List<ConversationItem> _items = [];
    private readonly Dictionary<string, int> _assistantAudioMs = new(StringComparer.Ordinal);

    // What the server heard in a user audio turn whose decode is still running (or ran with transcription off): the
    // question an offline answer is for. Completed on the loop; a response may await it off the loop.
    private readonly Dictionary<string, TaskCompletionSource<string>> _heard = new(StringComparer.Ordinal);

    public IReadOnlyList<ConversationItem> Items => _items;

    /// <summary>The newest text the client put into the conversation since the last response: what the server speaks next.</summary>
    public string? PendingClientText { get; private set; }

    /// <summary>The user audio item still waiting for an answer: set on commit, cleared by client injections or a function call.</summary>
    public string? UserAudioAwaitingAnswer { get; private set; }

    /// <summary>Appends a committed user audio turn; returns the id of the item before it.</summary>
    public string? AddUserAudio(ConversationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var previous = Append(item);
        PendingClientText = null;
        UserAudioAwaitingAnswer = item.Id;
        return previous;
    }

    /// <summary>
    /// <c>conversation.item.create</c>: validates the item, stores it completed after <paramref name="previousItemId"/>
    /// (<c>root</c> = first, null = last) and returns the stored item and the id of the item before it.
    /// </summary>
    public (ConversationItem Item, string? PreviousItemId) Create(ConversationItem item, string? previousItemId)
    {
        ArgumentNullException.ThrowIfNull(item);
        Validate(item);
        var stored = item with { Id = item.Id ?? IdGenerator.Next("item"), Object = "realtime.item", Status = "completed" };
        if (_items.Exists(i => i.Id == stored.Id))
        {
            throw new RealtimeProtocolException("invalid_value", $"Item with id '{stored.Id}' already exists.", "item.id");
        }

        var position = _items.Count;
        if (previousItemId == "root")
        {
            position = 0;
        }
        else if (previousItemId is not null)
        {
            var index = _items.FindIndex(i => i.Id == previousItemId);
            if (index < 0)
            {
                throw new RealtimeProtocolException("invalid_value", $"Previous item '{previousItemId}' does not exist.", "previous_item_id");
            }

            position = index + 1;
        }

        var previous = position > 0 ? _items[position - 1].Id : null;
        _items.Insert(position, stored);
        if (stored.Type != ConversationItem.FunctionCall)
        {
            // The client injected text or a tool's output: the next response speaks it, no function call.
            UserAudioAwaitingAnswer = null;
        }

        var text = ItemText.Of(stored);
        if (!string.IsNullOrWhiteSpace(text))
        {
            PendingClientText = text;
        }

        return (stored, previous);
    }

    /// <summary>
    /// Appends an assistant item a response is producing (an audio one can later be truncated); returns the id of the
    /// item before it.
    /// </summary>
    public string? AddAssistant(ConversationItem item, bool audio)
    {
        ArgumentNullException.ThrowIfNull(item);
        var previous = Append(item);
        if (audio)
        {
            _assistantAudioMs[item.Id!] = 0;
        }

        return previous;
    }

    /// <summary>Appends a completed function call of the emulated tool; returns the id of the item before it.</summary>
    public string? AddFunctionCall(ConversationItem call) => Append(call);

    /// <summary>The id of the item before <paramref name="itemId"/> now (null when first or gone).</summary>
    public string? PreviousOf(string? itemId)
    {
        var index = _items.FindIndex(i => i.Id == itemId);
        return index > 0 ? _items[index - 1].Id : null;
    }

    /// <summary>Counts audio sent for an assistant item (while it is still in the conversation).</summary>
    public void AddAssistantAudio(string itemId, int milliseconds)
    {
        if (_assistantAudioMs.TryGetValue(itemId, out var ms))
        {
            _assistantAudioMs[itemId] = ms + milliseconds;
        }
    }

    public ConversationItem? Find(string? itemId) => _items.Find(i => i.Id == itemId);

    /// <summary>A decode of user audio item <paramref name="itemId"/> has started: what it hears comes through <see cref="Heard"/>.</summary>
    public void ExpectHeard(string itemId) =>
        _heard[itemId] = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the decode of <paramref name="itemId"/> heard ("" when it failed or was dropped).</summary>
    public void Heard(string itemId, string text)
    {
        if (_heard.TryGetValue(itemId, out var heard))
        {
            heard.TrySetResult(text);
        }
    }

    /// <summary>
    /// What the server heard in user audio item <paramref name="itemId"/>: its transcript when it has one, else the
    /// decode's result (awaited when it is still running), else "". Transcription off does not keep the server from
    /// hearing the user, as a model hears the audio whether or not the client asked for a transcript.
    /// </summary>
    public Task<string> HeardIn(string? itemId)
    {
        var transcript = Find(itemId)?.Content?.Select(c => c.Transcript).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        if (transcript is not null)
        {
            return Task.FromResult(transcript);
        }

        return itemId is not null && _heard.TryGetValue(itemId, out var heard) ? heard.Task : Task.FromResult(string.Empty);
    }

    /// <summary>Ends every pending decode's wait with "" (the session ends).</summary>
    public void AbandonHeard()
    {
        foreach (var heard in _heard.Values)
        {
            heard.TrySetResult(string.Empty);
        }
    }

    /// <summary>Replaces the item with the same id, if it is still there (it may have been deleted meanwhile).</summary>
    public void Replace(ConversationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var index = _items.FindIndex(i => i.Id == item.Id);
        if (index >= 0)
        {
            _items[index] = item;
        }
    }

    public ConversationItem Retrieve(string itemId) => Find(itemId) ?? throw NotFound(itemId);

    public void Delete(string itemId)
    {
        var index = _items.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            throw NotFound(itemId);
        }

        _items.RemoveAt(index);
        if (_heard.Remove(itemId, out var heard))
        {
            heard.TrySetResult(string.Empty);
        }
    }

    /// <summary>Cuts an assistant audio item at <paramref name="audioEndMs"/>: its transcript goes, its audio length shrinks.</summary>
    public void Truncate(string itemId, int audioEndMs)
    {
        var item = Retrieve(itemId);
        if (item.Role != "assistant" || !_assistantAudioMs.TryGetValue(item.Id!, out var generatedMs))
        {
            throw new RealtimeProtocolException("unsupported_content_type", "Only model output audio messages can be truncated", "item_id");
        }

        if (audioEndMs < 0 || audioEndMs > generatedMs)
        {
            throw new RealtimeProtocolException("invalid_value", $"Audio content of {generatedMs}ms is already shorter than {audioEndMs}ms", "audio_end_ms");
        }

        _assistantAudioMs[item.Id!] = audioEndMs;
        _items[_items.IndexOf(item)] = item with { Content = [new ContentPart(ContentPart.OutputAudio)] };
    }

    /// <summary>Takes the text to speak next (it is spoken once).</summary>
    public string? TakePendingClientText()
    {
        var text = PendingClientText;
        PendingClientText = null;
        return text;
    }

    /// <summary>Takes the user audio item awaiting an answer for a function call: nothing is pending afterwards.</summary>
    public ConversationItem? TakeUserAudioAwaitingAnswer()
    {
        var item = Find(UserAudioAwaitingAnswer);
        UserAudioAwaitingAnswer = null;
        PendingClientText = null;
        return item;
    }

    private string? Append(ConversationItem item)
    {
        var previous = _items.Count > 0 ? _items[^1].Id : null;
        _items.Add(item);
        return previous;
    }

    private static void Validate(ConversationItem item)
    {
        if (item.Type is not (ConversationItem.Message or ConversationItem.FunctionCallOutput or ConversationItem.FunctionCall))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid item type '{item.Type}'.", "item.type");
        }

        if (item.Type == ConversationItem.Message && item.Role is not ("system" or "user" or "assistant"))
        {
            throw new RealtimeProtocolException("invalid_value", $"Invalid message role '{item.Role}'.", "item.role");
        }

        if (item.Type == ConversationItem.FunctionCallOutput && string.IsNullOrEmpty(item.CallId))
        {
            throw new RealtimeProtocolException("missing_required_parameter", "Missing required parameter: 'item.call_id'.", "item.call_id");
        }
    }

    private static RealtimeProtocolException NotFound(string itemId) =>
        new("invalid_value", $"Item with item_id '{itemId}' not found.", "item_id");
}
