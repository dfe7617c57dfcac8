using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ActorVoice.Retrieval.Dense;

/// <summary>Small SIMD helpers shared by the vector indexes.</summary>
public static class VectorMath
{
    /// <summary>Copies <paramref name="vector"/> scaled to unit length (a zero vector stays zero).</summary>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        NormalizeInPlace(copy);
        return copy;
    }

    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f && MathF.Abs(norm - 1f) > 1e-6f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>Symmetric int8 quantisation: returns the scale such that value ≈ code × scale.</summary>
    public static float QuantizeInt8(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var maxMagnitude = TensorPrimitives.MaxMagnitude(vector);
        var magnitude = MathF.Abs(maxMagnitude);
        if (magnitude == 0f)
        {
            codes.Clear();
            return 0f;
        }

        var scale = magnitude / 127f;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127f, 127f);
        }

        return scale;
    }

    /// <summary>Integer dot product of two int8 vectors of equal length.</summary>
    public static int DotInt8(ReadOnlySpan<sbyte> left, ReadOnlySpan<sbyte> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({left.Length} vs {right.Length}).", nameof(right));
        }

        var i = 0;
        var total = 0;
        if (Avx2.IsSupported && left.Length >= 32)
        {
            var accumulator = Vector256<int>.Zero;
            for (; i <= left.Length - 32; i += 32)
            {
                var a = Vector256.Create(left.Slice(i, 32));
                var b = Vector256.Create(right.Slice(i, 32));
                var (aLow, aHigh) = Vector256.Widen(a);
                var (bLow, bHigh) = Vector256.Widen(b);

                // Multiplies 16-bit lanes and adds neighbouring products into 32-bit lanes: no overflow for int8 input.
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(aLow, bLow));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(aHigh, bHigh));
            }

            total = Vector256.Sum(accumulator);
        }
        else if (Vector128.IsHardwareAccelerated && left.Length >= 16)
        {
            var accumulator = Vector128<int>.Zero;
            for (; i <= left.Length - 16; i += 16)
            {
                var (aLow, aHigh) = Vector128.Widen(Vector128.Create(left.Slice(i, 16)));
                var (bLow, bHigh) = Vector128.Widen(Vector128.Create(right.Slice(i, 16)));
                accumulator += WidenedProduct(aLow, bLow) + WidenedProduct(aHigh, bHigh);
            }

            total = Vector128.Sum(accumulator);
        }

        for (; i < left.Length; i++)
        {
            total += left[i] * right[i];
        }

        return total;
    }

    private static Vector128<int> WidenedProduct(Vector128<short> a, Vector128<short> b)
    {
        var (aLow, aHigh) = Vector128.Widen(a);
        var (bLow, bHigh) = Vector128.Widen(b);
        return (aLow * bLow) + (aHigh * bHigh);
    }
}
