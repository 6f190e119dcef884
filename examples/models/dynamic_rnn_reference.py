# Independent reference for examples/models/dynamic_rnn.cc (its .expected is
# this script's output: python3 dynamic_rnn_reference.py > dynamic_rnn.expected):
# the same RNN in plain Python, rounding to float32 after each operation.
# The products' sums are fused multiply-adds, rounded once each (the
# runtime's matmul kernel is a chain of them, runtime/SmallGemm.h).
import math, struct
from fractions import Fraction
def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
def fma32(a, b, c):
    """a + b * c computed exactly, then rounded to float32 (half to even)."""
    q = Fraction(a) + Fraction(b) * Fraction(c)
    if q == 0: return 0.0
    sign, q = (-1 if q < 0 else 1), abs(q)
    e = q.numerator.bit_length() - q.denominator.bit_length()
    while Fraction(2) ** e > q: e -= 1
    while Fraction(2) ** (e + 1) <= q: e += 1
    ulp = Fraction(2) ** (e - 23)
    return sign * float(round(q / ulp) * ulp)
K=[[0.5,-0.3,0.2],[0.1,0.4,-0.6],[-0.2,0.3,0.1],[0.7,-0.1,0.05]]
U=[[0.3,-0.2,0.1],[0.0,0.5,0.2],[-0.4,0.1,0.6]]
B=[0.1,0.0,-0.1]
K=[[f32(v) for v in r] for r in K]; U=[[f32(v) for v in r] for r in U]; B=[f32(v) for v in B]
def fmt(v):
    s='%g'%v
    return s
def fmt2(rows):
    return '[' + '\n '.join('[' + ' '.join(fmt(v) for v in r) + ']' for r in rows) + ']'
for time in (2,5):
    x=[[[f32(f32(0.1*float((b+1)*(t+1))) - f32(0.04*f)) for f in range(4)] for t in range(time)] for b in range(2)]
    outs=[[],[]]; state=[[0.0]*3,[0.0]*3]
    for t in range(time):
        new=[]
        for b in range(2):
            h=[]
            for j in range(3):
                a=0.0
                for k in range(4): a=fma32(a, x[b][t][k], K[k][j])
                c=0.0
                for k in range(3): c=fma32(c, state[b][k], U[k][j])
                h.append(f32(math.tanh(f32(f32(a+c)+B[j]))))
            new.append(h); outs[b].append(h)
        state=new
    print('time', time, 'outputs of sequence 0:', fmt2(outs[0]))
    print('outputs of sequence 1:', fmt2(outs[1]))
    print('final state:', fmt2(state))
