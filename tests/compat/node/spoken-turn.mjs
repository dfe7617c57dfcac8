// One spoken turn through the official openai npm GA realtime client (OpenAIRealtimeWS), unchanged.
// Inputs (environment): ACTORVOICE_BASE_URL (e.g. https://localhost:5124/v1), ACTORVOICE_API_KEY,
// ACTORVOICE_PCM (raw PCM16 mono 24 kHz file). Trust the server's certificate with NODE_EXTRA_CA_CERTS.
// Prints one JSON line: { transcript, audioBytes, status, types } and exits 0; exits 1 on any error.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

const baseURL = process.env.ACTORVOICE_BASE_URL;
const apiKey = process.env.ACTORVOICE_API_KEY;
const pcm = readFileSync(process.env.ACTORVOICE_PCM);

const fail = (message) => {
  console.error(message);
  process.exit(1);
};
setTimeout(() => fail('timed out waiting for the spoken turn'), 90_000).unref();

const client = new OpenAI({ apiKey, baseURL });
const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime' }, client);
const types = [];
let transcript = null;
let audioBytes = 0;
let sentAudio = false;

rt.on('error', (err) => fail(`realtime error: ${err?.message ?? err}`));
rt.on('event', (event) => types.push(event.type));

rt.socket.on('open', () => {
  rt.send({
    type: 'session.update',
    session: {
      type: 'realtime',
      instructions: 'Answer briefly.',
      output_modalities: ['audio'],
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: { model: 'gpt-4o-transcribe', language: 'en' },
          turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 500, create_response: true, interrupt_response: true },
        },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' },
      },
    },
  });
});

rt.on('session.updated', () => {
  if (sentAudio) return;
  sentAudio = true;
  const chunk = 4800; // 100 ms of PCM16 at 24 kHz
  for (let offset = 0; offset < pcm.length; offset += chunk) {
    rt.send({ type: 'input_audio_buffer.append', audio: pcm.subarray(offset, offset + chunk).toString('base64') });
  }
});

rt.on('conversation.item.input_audio_transcription.completed', (event) => {
  transcript = event.transcript;
});

rt.on('response.output_audio.delta', (event) => {
  audioBytes += Buffer.from(event.delta, 'base64').length;
});

rt.on('response.done', (event) => {
  console.log(JSON.stringify({ transcript, audioBytes, status: event.response.status, types }));
  rt.close();
  process.exit(0);
});
