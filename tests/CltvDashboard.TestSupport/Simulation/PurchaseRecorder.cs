namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// One customer's purchases while being simulated: times from acquisition in ascending order (the first purchase
/// at 0) and their values. The buffers are reused from customer to customer.
/// </summary>
internal sealed class PurchaseRecorder
{
    private readonly Random _random;
    private readonly GammaGammaSpend? _spend;
    private double[] _times = new double[64];
    private double[] _amounts = new double[64];
    private double _spendScale;

    public PurchaseRecorder(Random random, GammaGammaSpend? spend)
    {
        _random = random;
        _spend = spend;
    }

    public int Count { get; private set; }

    public ReadOnlySpan<double> Times => _times.AsSpan(0, Count);

    public ReadOnlySpan<double> Amounts => _amounts.AsSpan(0, Count);

    public double TimeAt(int index) => _times[index];

    public double AmountAt(int index) => _amounts[index];

    /// <summary>Clears the previous customer and records the first purchase at time 0.</summary>
    public void StartCustomer(double spendScale)
    {
        Count = 0;
        _spendScale = spendScale;
        Add(0.0);
    }

    public void Add(double time)
    {
        if (Count == _times.Length)
        {
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _amounts, Count * 2);
        }

        _times[Count] = time;
        _amounts[Count] = _spend is null ? 0.0 : _spend.DrawAmount(_random, _spendScale);
        Count++;
    }
}
