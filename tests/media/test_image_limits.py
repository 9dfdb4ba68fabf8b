"""A very large image is refused at upload with a Spanish message (hardening issue: 121
megapixels were accepted and made the admin image listing take 2.3 s and 720 MB)."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "green").save(buffer, "PNG")
    return buffer.getvalue()


class ImageLimitTests(TestCase):
    def setUp(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        self.client.force_login(admin)

    def upload(self, content, title="Foto de la audiencia"):
        return self.client.post(
            reverse("wagtailimages:add"),
            {"title": title, "file": SimpleUploadedFile("foto.png", content, "image/png")},
        )

    @override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100 * 100)
    def test_too_many_pixels_is_refused_and_the_form_keeps_the_title(self):
        response = self.upload(png(120, 100), title="Panorámica del coliseo")
        self.assertEqual(response.status_code, 200)
        with translation.override("es"):
            self.assertContains(response, "Este archivo contiene muchos pixeles")
        self.assertContains(response, "Panorámica del coliseo")
        self.assertFalse(get_image_model().objects.exists())

        self.assertEqual(self.upload(png(100, 100)).status_code, 302)
        self.assertEqual(get_image_model().objects.count(), 1)

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
    def test_too_many_bytes_is_refused(self):
        noisy = PILImage.effect_noise((200, 200), 100).convert("RGB")
        buffer = io.BytesIO()
        noisy.save(buffer, "PNG")
        response = self.upload(buffer.getvalue())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "demasiado grande")
        self.assertFalse(get_image_model().objects.exists())

    def test_the_defaults_are_forty_megapixels_and_ten_megabytes(self):
        from django.conf import settings

        self.assertEqual(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, 40_000_000)
        self.assertEqual(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, 10 * 1024 * 1024)
