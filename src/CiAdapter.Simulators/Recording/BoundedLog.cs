namespace CiAdapter.Simulators.Recording;

/// <summary>
/// The newest records of one kind, oldest dropped first, so a simulator left running in the
/// service's local default does not grow without end. Not thread-safe: owners hold their lock.
/// </summary>
internal sealed class BoundedLog<T>(int capacity)
{
    private readonly Queue<T> _items = new();

    public int Capacity { get; } = capacity > 0
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A log keeps at least one record.");

    /// <summary>How many records were ever added, including those dropped.</summary>
    public long TotalCount { get; private set; }

    public void Add(T item)
    {
        if (_items.Count == Capacity)
        {
            _items.Dequeue();
        }

        _items.Enqueue(item);
        TotalCount++;
    }

    public T[] Snapshot() => [.. _items];

    public T? LastOrDefault(Func<T, bool> predicate)
    {
        var found = default(T);
        foreach (var item in _items)
        {
            if (predicate(item))
            {
                found = item;
            }
        }

        return found;
    }

    public void Clear() => _items.Clear();
}
