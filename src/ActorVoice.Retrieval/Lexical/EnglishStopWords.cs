using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>
/// Lucene's English stop words plus the filler of spoken questions ("what", "how", "can I", "do you"),
/// which carry no topic and otherwise match any chunk that happens to use them.
/// </summary>
public static class EnglishStopWords
{
    private static readonly string[] SpokenQuestionWords =
    [
        "what", "whats", "how", "when", "where", "who", "whom", "why", "which", "do", "does", "did", "can", "could",
        "would", "should", "shall", "i", "im", "ive", "me", "my", "we", "our", "you", "your", "am", "been", "have",
        "has", "had", "about", "please", "tell", "hi", "hello", "hey", "um", "uh", "so", "just", "s",
    ];

    public static CharArraySet Set { get; } = Create();

    private static CharArraySet Create()
    {
        var set = new CharArraySet(LexicalFields.LuceneVersion, StopAnalyzer.ENGLISH_STOP_WORDS_SET, ignoreCase: true);
        foreach (var word in SpokenQuestionWords)
        {
            set.Add(word);
        }

        return set.AsReadOnly();
    }
}
