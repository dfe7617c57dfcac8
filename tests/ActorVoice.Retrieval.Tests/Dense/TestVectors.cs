using ActorVoice.Retrieval.Dense;

namespace ActorVoice.Retrieval.Tests.Dense;

/// <summary>Seeded random and clustered unit vectors for index tests.</summary>
internal static class TestVectors
{
    public static float[][] Random(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Gaussian(random, dimension, 1f)).Select(VectorMathNormalize).ToArray();
    }

    /// <summary>Points scattered around <paramref name="clusters"/> random centres (cosine to the centre about 0.8).</summary>
    public static float[][] Clustered(int count, int dimension, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => VectorMathNormalize(Gaussian(random, dimension, 1f))).ToArray();
        var noiseScale = 0.75f / MathF.Sqrt(dimension);
        return Enumerable.Range(0, count)
            .Select(i =>
            {
                var centre = centres[i % clusters];
                var noise = Gaussian(random, dimension, noiseScale);
                return VectorMathNormalize(centre.Zip(noise, (c, n) => c + n).ToArray());
            })
            .ToArray();
    }

    public static float[] Perturb(float[] vector, float scale, Random random)
    {
        var noise = Gaussian(random, vector.Length, scale / MathF.Sqrt(vector.Length));
        return VectorMathNormalize(vector.Zip(noise, (v, n) => v + n).ToArray());
    }

    private static float[] VectorMathNormalize(float[] vector)
    {
        return VectorMath.Normalized(vector);
    }

    private static float[] Gaussian(Random random, int dimension, float scale)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            // Box-Muller transform.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            vector[i] = scale * (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return vector;
    }
}
