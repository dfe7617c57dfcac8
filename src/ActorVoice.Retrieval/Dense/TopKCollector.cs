namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// Keeps the k best (id, score) pairs seen so far in a binary min-heap: the weakest kept pair sits at the
/// root, so a scan pays one comparison per candidate that does not make the cut.
/// </summary>
public sealed class TopKCollector
{
    private readonly int[] ids;
    private readonly float[] scores;
    private int count;

    public TopKCollector(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ids = new int[k];
        scores = new float[k];
    }

    /// <summary>The score a candidate must beat to enter once the collector is full.</summary>
    public float Threshold => count < ids.Length ? float.NegativeInfinity : scores[0];

    public void Offer(int id, float score)
    {
        if (ids.Length == 0)
        {
            return;
        }

        if (count < ids.Length)
        {
            ids[count] = id;
            scores[count] = score;
            SiftUp(count);
            count++;
        }
        else if (score > scores[0])
        {
            ids[0] = id;
            scores[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>Best first; equal scores are ordered by id so results are deterministic.</summary>
    public VectorMatch[] ToSortedArray()
    {
        var result = new VectorMatch[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new VectorMatch(ids[i], scores[i]);
        }

        Array.Sort(result, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return result;
    }

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (scores[parent] <= scores[index])
            {
                return;
            }

            Swap(parent, index);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var left = (2 * index) + 1;
            if (left >= count)
            {
                return;
            }

            var smallest = left + 1 < count && scores[left + 1] < scores[left] ? left + 1 : left;
            if (scores[index] <= scores[smallest])
            {
                return;
            }

            Swap(index, smallest);
            index = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (ids[a], ids[b]) = (ids[b], ids[a]);
        (scores[a], scores[b]) = (scores[b], scores[a]);
    }
}
